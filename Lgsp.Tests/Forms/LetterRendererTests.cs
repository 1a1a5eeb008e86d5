using Lgsp.Forms.Content;
using Lgsp.Forms.Letters;
using Lgsp.Tests.Support;
using UglyToad.PdfPig;

namespace Lgsp.Tests.Forms;

public sealed class LetterRendererTests
{
    private static readonly LetterContext Context = new(
        "Bắc Giang",
        "Ủy ban nhân dân tỉnh Bắc Giang",
        "Sở Thông tin và Truyền thông",
        "Trung tâm Công nghệ thông tin và Truyền thông",
        "25/2021/QĐ-UBND",
        new DateOnly(2021, 3, 8),
        "15/STTTT-CNTT&TT",
        new DateOnly(2026, 12, 4),
        Draft: false);

    public static TheoryData<string> Samples => [.. SampleForms().Keys];

    [Theory]
    [MemberData(nameof(Samples))]
    public void Render_EveryForm_PutsItsFieldsOnThePageWithDiacriticsExact(string sample)
    {
        var form = SampleForms()[sample];

        var pdf = LetterRenderer.Render(LetterComposer.Compose(form, Context));

        var text = Pdf.Text(pdf);
        Assert.Contains(Pdf.Compact("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), text, StringComparison.Ordinal);
        Assert.Contains(Pdf.Compact("Độc lập - Tự do - Hạnh phúc"), text, StringComparison.Ordinal);
        Assert.Contains(
            Pdf.Compact("Quyết định số 25/2021/QĐ-UBND ngày 08 tháng 3 năm 2021"), text, StringComparison.Ordinal);
        foreach (var value in FilledValues(form))
        {
            Assert.Contains(Pdf.Compact(value), text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Render_EveryForm_KeepsTextInsideTheMarginsAndEmbedsItsFonts(string sample)
    {
        var pdf = LetterRenderer.Render(LetterComposer.Compose(SampleForms()[sample], Context));

        using var document = PdfDocument.Open(pdf);
        foreach (var page in document.GetPages())
        {
            Assert.Equal(595, page.Width, 0);
            Assert.Equal(842, page.Height, 0);
            foreach (var letter in page.Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)))
            {
                Assert.InRange(letter.BoundingBox.Left, PageLayout.Left - 0.5, page.Width - PageLayout.Right + 0.5);
                Assert.InRange(letter.BoundingBox.Right, PageLayout.Left - 0.5, page.Width - PageLayout.Right + 0.5);
                Assert.InRange(letter.BoundingBox.Bottom, PageLayout.Bottom - 0.5, page.Height);
            }
        }

        var fonts = document.GetPages().SelectMany(p => p.Letters).Select(l => l.FontName).Distinct().ToList();
        Assert.NotEmpty(fonts);
        Assert.All(fonts, name => Assert.Contains("+", name, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("11")]
    [InlineData("04")]
    public void Render_LongIssuerName_BreaksIntoBalancedLines_NeverLeavingOneWordAlone(string sample)
    {
        var letter = LetterComposer.Compose(SampleForms()[sample], Context);

        using var document = PdfDocument.Open(LetterRenderer.Render(letter));

        // The issuer's block: the left 40 % of the text width, above the number line.
        var page = document.GetPage(1);
        var columnRight = PageLayout.Left + (page.Width - PageLayout.Left - PageLayout.Right) * 0.4;
        var number = page.GetWords().First(w => w.Text == "Số:");
        var lines = page.GetWords()
            .Where(w => w.BoundingBox.Right <= columnRight && w.BoundingBox.Bottom > number.BoundingBox.Top)
            .GroupBy(w => Math.Round(w.BoundingBox.Bottom))
            .Select(g => g.Select(w => w.Text).ToList())
            .ToList();
        Assert.True(lines.Count >= 3, $"Expected a wrapped issuer name, got {lines.Count} lines.");
        Assert.All(lines, line => Assert.True(line.Count >= 2, $"A heading line holds only \"{line[0]}\"."));
    }

    [Fact]
    public void Render_LongBody_FlowsOntoNumberedPagesWithNothingLost()
    {
        var paragraphs = Enumerable.Range(1, 60)
            .Select(i => LetterRenderer.Body($"Đoạn {i}: nội dung dài để kiểm tra việc sang trang, căn đều hai bên và "
                + "giữ nguyên dấu tiếng Việt như ủy ban, nghị định, quyết định, hướng dẫn, hồ sơ, thủ tục."))
            .ToList();
        var letter = LetterComposer.Compose(SampleForms()["02"], Context) with { Body = paragraphs };

        using var document = PdfDocument.Open(LetterRenderer.Render(letter));

        Assert.True(document.NumberOfPages >= 3);
        var all = string.Join(" ", document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.All(Enumerable.Range(1, 60), i => Assert.Contains($"Đoạn {i}:", all, StringComparison.Ordinal));
        var second = document.GetPage(2);
        var topWords = second.GetWords().Where(w => w.BoundingBox.Bottom > second.Height - PageLayout.Top).ToList();
        Assert.Equal("2", Assert.Single(topWords).Text);
        Assert.DoesNotContain(document.GetPage(1).GetWords(), w => w.BoundingBox.Bottom > 842 - PageLayout.Top);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Render_EveryForm_RastersWithPoppler_ForSomeoneToLookAt(string sample)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "letters");
        System.IO.Directory.CreateDirectory(folder);
        var pdf = Path.Combine(folder, $"mau-{sample}.pdf");
        var letter = LetterComposer.Compose(SampleForms()[sample], Context);
        await File.WriteAllBytesAsync(pdf, LetterRenderer.Render(letter));

        using var process = System.Diagnostics.Process.Start("pdftoppm",
            ["-r", "50", "-png", "-singlefile", "-f", "1", "-l", "1", pdf, Path.Combine(folder, $"mau-{sample}")])!;
        await process.WaitForExitAsync();

        var png = Path.Combine(folder, $"mau-{sample}.png");
        Assert.Equal(0, process.ExitCode);
        Assert.True(new FileInfo(png).Length > 5_000, "The first page rendered nearly blank.");
    }

    [Fact]
    public async Task Render_Signed_PdfsigCallsItValid_AndAChangedByteInvalid()
    {
        using var certificate = TestCertificates.Person("Nguyễn Văn Thắng");
        var signedAt = new DateTimeOffset(2026, 12, 4, 9, 15, 0, TimeSpan.FromHours(7));
        var letter = LetterComposer.Compose(SampleForms()["02"], Context);
        var signature = new LetterSignature(certificate, "Nguyễn Văn Thắng", "Giám đốc", signedAt);

        var pdf = await LetterRenderer.RenderSignedAsync(letter, signature);

        var tampered = (byte[])pdf.Clone();
        var at = Array.IndexOf(tampered, (byte)'T', tampered.Length / 3);
        tampered[at] = (byte)'X';

        var valid = await Pdf.SignaturesAsync(pdf);
        var invalid = await Pdf.SignaturesAsync(tampered);
        Assert.Contains("Signature is Valid", valid, StringComparison.Ordinal);
        Assert.Contains("Nguyễn Văn Thắng", valid, StringComparison.Ordinal);
        Assert.DoesNotContain("Signature is Valid", invalid, StringComparison.Ordinal);
        using var document = PdfDocument.Open(pdf);
        Assert.Single(document.GetPage(1).GetAnnotations(),
            a => a.Type == UglyToad.PdfPig.Annotations.AnnotationType.Widget);
    }

    [Fact]
    public async Task Verify_SignedLetter_NamesTheSigner_AndCatchesChangesAndAdditions()
    {
        using var certificate = TestCertificates.Person("Nguyễn Văn Thắng");
        var signedAt = new DateTimeOffset(2026, 12, 4, 9, 15, 0, TimeSpan.FromHours(7));
        var letter = LetterComposer.Compose(SampleForms()["02"], Context);
        var signature = new LetterSignature(certificate, "Nguyễn Văn Thắng", "Giám đốc", signedAt);
        var pdf = await LetterRenderer.RenderSignedAsync(letter, signature);
        var changed = (byte[])pdf.Clone();
        changed[Array.IndexOf(changed, (byte)'T', changed.Length / 3)] = (byte)'X';
        var appended = pdf.Concat("\n% thêm sau khi ký\n"u8.ToArray()).ToArray();

        var intact = Assert.Single(SignatureVerifier.Verify(pdf));
        var tampered = Assert.Single(SignatureVerifier.Verify(changed));
        var extended = Assert.Single(SignatureVerifier.Verify(appended));

        Assert.True(intact.Valid);
        Assert.True(intact.CoversWholeFile);
        Assert.Equal("Nguyễn Văn Thắng", intact.Signer);
        Assert.NotNull(intact.SignedAt);
        Assert.False(tampered.Valid);
        Assert.True(extended.Valid);
        Assert.False(extended.CoversWholeFile);
        Assert.Empty(SignatureVerifier.Verify(LetterRenderer.Render(letter)));
    }

    [Fact]
    public void Compose_BasisTypedWithCanCu_PrintsItOnce_AndAnEmptyLandlineIsLeftOut()
    {
        var request = FormContentTests.Filled();
        request.LegalBasis = "Căn cứ Kế hoạch số 45/KH-SYT ngày 10/01/2026";
        var reply = (ApplicationRegisteredReply)SampleForms()["02"];
        reply.SupportLandline = "";

        var requestText = Pdf.Text(LetterRenderer.Render(LetterComposer.Compose(request, Context)));
        var replyText = Pdf.Text(LetterRenderer.Render(LetterComposer.Compose(reply, Context)));

        Assert.Contains(Pdf.Compact("Căn cứ Kế hoạch số 45/KH-SYT"), requestText, StringComparison.Ordinal);
        Assert.DoesNotContain(Pdf.Compact("Căn cứ Căn cứ"), requestText, StringComparison.Ordinal);
        Assert.Contains(Pdf.Compact("Truyền thông; di động: 0987654321"), replyText, StringComparison.Ordinal);
        Assert.DoesNotContain("…", replyText, StringComparison.Ordinal);
    }

    [Fact]
    public void LongDate_PadsDaysBelowTenAndMonthsBelowThree()
    {
        Assert.Equal("ngày 04 tháng 02 năm 2026", LetterComposer.LongDate(new DateOnly(2026, 2, 4)));
        Assert.Equal("ngày 15 tháng 3 năm 2026", LetterComposer.LongDate(new DateOnly(2026, 3, 15)));
    }

    private static IEnumerable<string> FilledValues(FormContent form) =>
        FormContent.EditableProperties(form.GetType())
            .Where(p => p.PropertyType == typeof(string) && p.Name is not ("SignatureAlgorithm" or "PublicKeyPem"
                or "ParentBodyName"
                or "LegalBasis" or "OtherRecipients" or "CallbackUrls" or "SignOutUrls" or "SignerTitle"
                or "RefusalReason"))
            .Select(p => (string)p.GetValue(form)!)
            .Where(v => v.Length > 0);

    /// <summary>A filled sample of every form: the thirteen appendix letters and the Mẫu 08 reply.</summary>
    internal static Dictionary<string, FormContent> SampleForms()
    {
        var registration = FormContentTests.Filled();
        registration.ApplicationAbbreviation = "QLVB";
        return new()
        {
            ["01"] = registration,
            ["02"] = Supported(new ApplicationRegisteredReply { ApplicationName = "Quản lý văn bản và điều hành" }),
            ["03"] = FormsFor.Grounded(new RequestLgspAccountForm()),
            ["04"] = Supported(new LgspAccountProvidedReply { AdministratorAccount = "000.00.15.h06@bacgiang.gov.vn" }),
            ["05"] = Minutes(new LgspHandoverMinutes()),
            ["06"] = Named(FormsFor.Cancellation("LGSP57JWVPP8AEFJ8K9Y")),
            ["07"] = Reply(new ApplicationCancelledReply { ApplicationName = "Quản lý văn bản và điều hành" }),
            ["08"] = FormsFor.Sso(),
            ["tra-loi-08"] = Supported(new SsoRegisteredReply
            {
                ApplicationName = "Cổng dịch vụ y tế",
                SsoSignInUrl = "https://sso.bacgiang.gov.vn/dang-nhap",
                SsoSignOutUrl = "https://sso.bacgiang.gov.vn/dang-xuat",
            }),
            ["09"] = FormsFor.Grounded(new RequestSsoAccountForm()),
            ["10"] = Supported(new SsoAccountProvidedReply
            {
                AdministratorAccount = "sso.000.00.15.h06@bacgiang.gov.vn",
            }),
            ["11"] = Minutes(new SsoHandoverMinutes()),
            ["12"] = FormsFor.Common(new CancelSsoForm
            {
                ClientId = "syt-cong-dich-vu",
                ApplicationName = "Cổng dịch vụ y tế",
            }),
            ["13"] = Reply(new SsoCancelledReply { ApplicationName = "Cổng dịch vụ y tế" }),
        };
    }

    private static CancelApplicationForm Named(CancelApplicationForm form)
    {
        form.ApplicationName = "Quản lý văn bản và điều hành";
        return form;
    }

    private static T Reply<T>(T reply) where T : DepartmentReply
    {
        reply.Addressee = "Sở Y tế tỉnh Bắc Giang";
        reply.AgencyName = "Sở Y tế tỉnh Bắc Giang";
        reply.RequestNumber = "12/SYT-VP";
        reply.RequestDate = new DateTime(2026, 3, 2);
        reply.Place = "Bắc Giang";
        reply.SignerName = "Nguyễn Văn Thắng";
        return reply;
    }

    private static T Supported<T>(T reply) where T : SupportedReply
    {
        Reply(reply);
        reply.SupportName = "Nguyễn Thị Hoa";
        reply.SupportLandline = "0204 3854 321";
        reply.SupportMobile = "0987654321";
        return reply;
    }

    private static T Minutes<T>(T minutes) where T : HandoverMinutes
    {
        minutes.ReplyNumber = "15/STTTT-CNTT&TT";
        minutes.ReplyDate = new DateTime(2026, 12, 1);
        minutes.AgencyName = "Sở Y tế";
        minutes.RequestNumber = "12/SYT-VP";
        minutes.RequestDate = new DateTime(2026, 11, 20);
        minutes.Place = "Bắc Giang";
        minutes.HandoverDate = new DateTime(2026, 12, 7);
        minutes.HandoverTime = new TimeSpan(9, 30, 0);
        minutes.HandoverPlace = "Trung tâm Công nghệ thông tin và Truyền thông";
        minutes.PartyAName = "Phạm Văn Nam";
        minutes.PartyAPosition = "Phó Giám đốc Trung tâm";
        minutes.PartyABody = "Trung tâm CNTT&TT";
        minutes.PartyBName = "Trần Thị Bình";
        minutes.PartyBPosition = "Chuyên viên";
        minutes.PartyBBody = "Sở Y tế";
        return minutes;
    }
}
