using System.Text;
using Lgsp.Forms.Letters;
using Lgsp.Tests.Support;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Annotations;

namespace Lgsp.Tests.Forms;

/// <summary>Signatures added one after another: the minutes' two parties, images in the block, time-stamps.</summary>
public sealed class LetterSigningTests
{
    private static readonly LetterContext Context = new(
        "Bắc Giang",
        "Ủy ban nhân dân tỉnh Bắc Giang",
        "Sở Thông tin và Truyền thông",
        "Trung tâm Công nghệ thông tin và Truyền thông",
        "25/2021/QĐ-UBND",
        new DateOnly(2021, 3, 8),
        "03/BB-CNTT&TT",
        new DateOnly(2026, 12, 7),
        Draft: false);

    private static readonly DateTimeOffset Morning = new(2026, 12, 7, 9, 40, 0, TimeSpan.FromHours(7));

    [Fact]
    public async Task Minutes_SignedByBothParties_PdfsigCallsBothValid_AndTheVerifierAgrees()
    {
        using var partyA = TestCertificates.Person("Nguyễn Thị Hoa");
        using var partyB = TestCertificates.Person("Trần Thị Bình");
        var rendered = LetterRenderer.RenderForSigning(Minutes());

        var first = await LetterSigning.SignAsync(rendered.Pdf, rendered.Places[0],
            new LetterSignature(partyA, "Nguyễn Thị Hoa", "Đại diện bên A", Morning));
        var both = await LetterSigning.SignAsync(first, rendered.Places[1],
            new LetterSignature(partyB, "Trần Thị Bình", "Đại diện bên B", Morning.AddHours(2)));

        Assert.Equal(2, rendered.Places.Count);
        Assert.True(rendered.Places[0].Left < rendered.Places[1].Left, "Party A signs on the left.");
        Assert.Equal(first, both.AsSpan(0, first.Length).ToArray());
        var report = await Pdf.SignaturesAsync(both);
        Assert.Equal(2, Occurrences(report, "Signature is Valid"));
        Assert.Contains("Nguyễn Thị Hoa", report, StringComparison.Ordinal);
        Assert.Contains("Trần Thị Bình", report, StringComparison.Ordinal);
        var found = SignatureVerifier.Verify(both);
        Assert.Equal(["Nguyễn Thị Hoa", "Trần Thị Bình"], found.Select(s => s.Signer));
        Assert.All(found, s => Assert.True(s.Valid));
        Assert.Equal([false, true], found.Select(s => s.CoversWholeFile));
        using var document = PdfDocument.Open(both);
        var widgets = document.GetPages().SelectMany(p => p.GetAnnotations())
            .Where(a => a.Type == AnnotationType.Widget).ToList();
        Assert.Equal(2, widgets.Count);
        var png = await PngOfPageAsync(both, "bien-ban-hai-ben-ky");
        Assert.True(new FileInfo(png).Length > 5_000, "The signed page rendered nearly blank.");
        var lastPage = document.GetPage(document.NumberOfPages);
        Assert.Contains("02", lastPage.GetWords().Select(w => w.Text));
        Assert.Contains(Pdf.Compact("BIÊN BẢN Về việc bàn giao tài khoản"), Pdf.Text(both), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Minutes_AByteChangedInTheSecondPartysUpdate_BreaksOnlyTheSecondSignature()
    {
        using var partyA = TestCertificates.Person("Nguyễn Thị Hoa");
        using var partyB = TestCertificates.Person("Trần Thị Bình");
        var rendered = LetterRenderer.RenderForSigning(Minutes());
        var first = await LetterSigning.SignAsync(rendered.Pdf, rendered.Places[0],
            new LetterSignature(partyA, "Nguyễn Thị Hoa", "Đại diện bên A", Morning));
        var both = await LetterSigning.SignAsync(first, rendered.Places[1],
            new LetterSignature(partyB, "Trần Thị Bình", "Đại diện bên B", Morning));
        var changed = (byte[])both.Clone();
        var at = Encoding.Latin1.GetString(changed).IndexOf("/Widget", first.Length, StringComparison.Ordinal);
        changed[at + 1] = (byte)'V';

        var found = SignatureVerifier.Verify(changed);
        var report = await Pdf.SignaturesAsync(changed);

        Assert.True(found[0].Valid);
        Assert.False(found[1].Valid);
        Assert.Equal(1, Occurrences(report, "Signature is Valid"));
    }

    [Fact]
    public async Task Sign_WithSealAndSignatureImages_DrawsThemInTheVisibleBlock()
    {
        using var head = TestCertificates.Person("Lê Văn Cường");
        var letter = LetterComposer.Compose(FormsFor.Registration(), Context with { Number = null });
        var signature = new LetterSignature(head, "Lê Văn Cường", "Giám đốc", Morning)
        {
            SealImage = Png.Seal(),
            SignatureImage = Png.Signature(),
        };

        var plain = await LetterRenderer.RenderSignedAsync(letter, signature with
        {
            SealImage = null,
            SignatureImage = null,
        });
        var pdf = await LetterRenderer.RenderSignedAsync(letter, signature);

        var update = Encoding.Latin1.GetString(pdf, pdf.Length / 2, pdf.Length - pdf.Length / 2);
        // Each image with transparency is two: the colours (with /SMask) and the alpha mask.
        Assert.Equal(2, Occurrences(update, "/Subtype /Image/SMask"));
        Assert.Equal(0, Occurrences(Encoding.Latin1.GetString(plain), "/Subtype /Image"));
        Assert.Contains("Signature is Valid", await Pdf.SignaturesAsync(pdf), StringComparison.Ordinal);
        var png = await PngOfPageAsync(pdf, "mau-01-dau-va-chu-ky");
        Assert.True(new FileInfo(png).Length > new FileInfo(await PngOfPageAsync(plain, "mau-01-ky-so")).Length,
            "The page with a seal and a signature should carry more ink than the one without.");
    }

    [Fact]
    public async Task Sign_WithATimeStampServer_CarriesItsTokenAndTheVerifierReadsItsTime()
    {
        await using var authority = await TimeStampServer.StartAsync();
        using var director = TestCertificates.Person("Nguyễn Văn Thắng");
        var letter = LetterComposer.Compose(LetterRendererTests.SampleForms()["02"], Context);

        var pdf = await LetterRenderer.RenderSignedAsync(letter,
            new LetterSignature(director, "Nguyễn Văn Thắng", "Giám đốc", Morning), authority.Address);

        var found = Assert.Single(SignatureVerifier.Verify(pdf));
        Assert.True(found.Valid);
        Assert.Equal(authority.Now, found.TimeStampedAt);
        Assert.Equal(1, authority.Issued);
        Assert.Contains("Signature is Valid", await Pdf.SignaturesAsync(pdf), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_WithoutATimeStampServer_HasNoTimeStamp()
    {
        using var director = TestCertificates.Person("Nguyễn Văn Thắng");
        var letter = LetterComposer.Compose(LetterRendererTests.SampleForms()["02"], Context);

        var pdf = await LetterRenderer.RenderSignedAsync(letter,
            new LetterSignature(director, "Nguyễn Văn Thắng", "Giám đốc", Morning));

        Assert.Null(Assert.Single(SignatureVerifier.Verify(pdf)).TimeStampedAt);
    }

    private static OfficialLetter Minutes() =>
        LetterComposer.Compose(LetterRendererTests.SampleForms()["05"], Context);

    /// <summary>
    /// The last page (where the signatures are) as a PNG beside the other rendered letters, for someone to look at.
    /// </summary>
    private static async Task<string> PngOfPageAsync(byte[] pdf, string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "letters");
        System.IO.Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{name}.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        using var document = PdfDocument.Open(pdf);
        var last = document.NumberOfPages.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var process = System.Diagnostics.Process.Start("pdftoppm",
            ["-r", "60", "-png", "-singlefile", "-f", last, "-l", last, path, Path.Combine(folder, name)])!;
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        return Path.Combine(folder, $"{name}.png");
    }

    private static int Occurrences(string text, string value) =>
        (text.Length - text.Replace(value, "", StringComparison.Ordinal).Length) / value.Length;
}
