using Lgsp.Broker.Applications;
using Lgsp.Portal.Identity;
using Lgsp.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Lgsp.Tests.Browser;

[Collection(WebCollection.Name)]
public sealed class RequestWorkflowBrowserTests : IAsyncLifetime
{
    private const string Agency = "000.00.15.H06";
    private const string Officer = "vanthu.syt@bacgiang.gov.vn";
    private const string Specialist = "chuyenvien@bacgiang.gov.vn";
    private const string Director = "giamdoc@bacgiang.gov.vn";

    // Monday 07/12/2026, 09:00 in Vietnam: a working day, so the handover can be held and recorded "today".
    private readonly PortalFactory _portal =
        new(kestrel: true, clock: new ManualClock(ManualClock.At(2026, 12, 7, 9, 0)));
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync() => (_playwright, _browser) = await Chromium.LaunchAsync();

    public async Task DisposeAsync()
    {
        await _browser!.DisposeAsync();
        _playwright!.Dispose();
        _portal.Dispose();
    }

    [Fact]
    public async Task Mau01_FiledAcceptedApproved_AgencySeesTheReplyAndItsSecretKeyExactlyOnce()
    {
        var password = await _portal.CreateUserAsync(Officer, Roles.AgencyHead, Agency);
        await _portal.CreateUserAsync(Specialist, Roles.Specialist);
        await _portal.CreateUserAsync(Director, Roles.Director);

        var officer = await SignInAsync(Officer, password);
        await officer.GotoAsync("/requests/new");
        await officer.ClickAsync("#start-01");
        await officer.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/requests/[0-9a-f-]{36}$"));
        var requestPath = new Uri(officer.Url).AbsolutePath;
        await officer.ClickAsync("#submit-request");
        await Assertions.Expect(officer.Locator("#request-error")).ToContainTextAsync("chưa đầy đủ");
        await FillAsync(officer, new()
        {
            ["LetterNumber"] = "125/SYT-VP",
            ["LegalBasis"] = "Kế hoạch số 45/KH-SYT ngày 10/01/2026 của Sở Y tế về chuyển đổi số",
            ["ApplicationName"] = "Hệ thống quản lý văn bản và điều hành",
            ["Developer"] = "Công ty Cổ phần Phần mềm Bắc Giang",
            ["ContactPosition"] = "Chuyên viên",
            ["ContactDepartment"] = "Văn phòng Sở",
            ["ContactPhone"] = "0912 345 678",
            ["SignerTitle"] = "Giám đốc",
            ["SignerName"] = "Lê Văn Cường",
        });
        await officer.ClickAsync("nav a[href='/requests']");
        await Assertions.Expect(officer.GetByText("Những gì bạn vừa nhập chưa được lưu")).ToBeVisibleAsync();
        await officer.GetByRole(AriaRole.Button, new() { Name = "Ở lại" }).ClickAsync();
        await Assertions.Expect(officer.Locator("#field-ApplicationName"))
            .ToHaveValueAsync("Hệ thống quản lý văn bản và điều hành");
        await Chromium.SetFilesAsync(officer, ".attachment-input", new FilePayload
        {
            Name = "mo-ta-ky-thuat.pdf",
            MimeType = "application/pdf",
            Buffer = "%PDF-1.7 mô tả kỹ thuật"u8.ToArray(),
        });
        await Assertions.Expect(officer.Locator("#request-attachments")).ToContainTextAsync("mo-ta-ky-thuat.pdf");
        await Assertions.Expect(officer.Locator("#field-LetterNumber")).ToHaveValueAsync("125/SYT-VP");
        await officer.ClickAsync("#submit-request");
        await Assertions.Expect(officer.Locator("#request-status")).ToHaveTextAsync("Đã gửi, chờ tiếp nhận");
        await Assertions.Expect(officer.Locator("#request-deadline")).ToContainTextAsync("Hạn trả lời");

        var specialist = await SignInAsync(Specialist, "Matkhau-Thu-2026");
        await specialist.GotoAsync(requestPath);
        await specialist.ClickAsync("#accept-request");
        await Assertions.Expect(specialist.Locator("#request-status")).ToHaveTextAsync("Đã tiếp nhận");
        await Assertions.Expect(specialist.Locator("#reply-ApplicationName"))
            .ToHaveValueAsync("Hệ thống quản lý văn bản và điều hành");
        await FillAsync(specialist, new()
        {
            ["SupportName"] = "Nguyễn Thị Hoa",
            ["SupportMobile"] = "0987654321",
            ["SignerName"] = "Trần Văn Minh",
        }, prefix: "reply");
        await specialist.ClickAsync("#save-reply");
        await Assertions.Expect(specialist.Locator("#request-status")).ToHaveTextAsync("Chờ Giám đốc phê duyệt");

        var director = await SignInAsync(Director, "Matkhau-Thu-2026");
        await director.GotoAsync(requestPath);
        await director.ClickAsync("#approve-reply");
        await Assertions.Expect(director.Locator("#request-status")).ToHaveTextAsync("Đã ban hành");
        await Assertions.Expect(director.Locator("#reply-number")).ToContainTextAsync("01/STTTT-CNTT&TT");
        await Assertions.Expect(director.Locator("#reveal-secret-0")).ToHaveCountAsync(0);

        await officer.ReloadAsync();
        await Assertions.Expect(officer.Locator("#request-status")).ToHaveTextAsync("Đã ban hành");
        var accessKeyId = (await officer.Locator("#request-outcome").TextContentAsync())!.Trim();
        await officer.ClickAsync("#reveal-secret-0");
        var secret = (await officer.Locator("#secret-value-0").TextContentAsync())!.Trim();
        await officer.ReloadAsync();
        await Assertions.Expect(officer.Locator("#secret-seen-0")).ToBeVisibleAsync();
        await Assertions.Expect(officer.Locator("#reveal-secret-0")).ToHaveCountAsync(0);
        Assert.DoesNotContain(secret, await officer.ContentAsync(), StringComparison.Ordinal);

        await Assertions.Expect(officer.Locator("#download-reply")).ToBeVisibleAsync();
        var download = await officer.Context.APIRequest.GetAsync(requestPath + "/documents/reply.pdf");
        Assert.Equal(200, download.Status);
        var replyPdf = await download.BodyAsync();
        Assert.Contains("01/STTTT-CNTT&TT", Pdf.Text(replyPdf), StringComparison.Ordinal);
        // No public address is configured: the QR code leads to where this server listens, not a default port.
        var listening = _portal.ServerAddress.ToString().TrimEnd('/');
        Assert.Contains(Pdf.Compact($"{listening}/verify?code="), Pdf.Text(replyPdf), StringComparison.Ordinal);
        var pdfsig = await Pdf.SignaturesAsync(replyPdf);
        Assert.Contains("Signature is Valid", pdfsig, StringComparison.Ordinal);

        // Anyone, signed in or not, can check the downloaded reply on /verify; a changed copy fails.
        var anyone = await _browser!.NewPageAsync(
            new BrowserNewPageOptions { BaseURL = _portal.ServerAddress.ToString() });
        await anyone.GotoAsync("/verify");
        await Chromium.SetFilesAsync(anyone, ".verify-input",
            new FilePayload { Name = "tra-loi.pdf", MimeType = "application/pdf", Buffer = replyPdf });
        await Assertions.Expect(anyone.Locator("#verify-issued")).ToContainTextAsync("01/STTTT-CNTT&TT");
        await Assertions.Expect(anyone.Locator("#verify-signature-0")).ToContainTextAsync("không bị thay đổi");
        await Assertions.Expect(anyone.Locator("#verify-signature-0")).Not.ToContainTextAsync("không hợp lệ");
        await using (var lookup = _portal.Services.CreateAsyncScope())
        {
            var issued = lookup.ServiceProvider.GetRequiredService<Lgsp.Portal.Data.PortalDbContext>().IssuedDocuments;
            await anyone.GotoAsync($"/verify?code={issued.Single(d => d.Document == "reply").VerificationCode}");
            await Assertions.Expect(anyone.Locator("#verify-code")).ToContainTextAsync("01/STTTT-CNTT&TT");
        }

        await Chromium.SetFilesAsync(anyone, ".verify-input",
            new FilePayload { Name = "tra-loi.pdf", MimeType = "application/pdf", Buffer = replyPdf });
        await Assertions.Expect(anyone.Locator("#verify-issued")).ToBeVisibleAsync();
        var changed = (byte[])replyPdf.Clone();
        changed[Array.IndexOf(changed, (byte)'T', changed.Length / 3)] = (byte)'X';
        await Chromium.SetFilesAsync(anyone, ".verify-input",
            new FilePayload { Name = "da-sua.pdf", MimeType = "application/pdf", Buffer = changed });
        await Assertions.Expect(anyone.Locator("#verify-unknown")).ToBeVisibleAsync();
        await Assertions.Expect(anyone.Locator("#verify-signature-0")).ToContainTextAsync("không hợp lệ");

        var strangerPassword = await _portal.CreateUserAsync("vanthu.snv@bacgiang.gov.vn", Roles.AgencyOfficer,
            "000.00.02.H06");
        var stranger = await SignInAsync("vanthu.snv@bacgiang.gov.vn", strangerPassword);
        await stranger.GotoAsync(requestPath);
        await Assertions.Expect(stranger.GetByText("Không tìm thấy")).ToBeVisibleAsync();
        Assert.DoesNotContain("Hệ thống quản lý văn bản", await stranger.ContentAsync(), StringComparison.Ordinal);

        await using var scope = _portal.Services.CreateAsyncScope();
        var registry = scope.ServiceProvider.GetRequiredService<IApplicationRegistry>();
        var registered = await registry.FindActiveAsync(accessKeyId, CancellationToken.None);
        Assert.NotNull(registered);
        Assert.Equal(Agency, registered.AgencyId);
        Assert.Equal(secret, registered.Secret);
    }

    [Fact]
    public async Task Mau03_ReplyCreatesTheAccount_HandoverIsRecorded_AndBothPartiesSignTheMinutes()
    {
        var (officer, specialist, director) = await SignInEveryoneAsync();

        var requestPath = await FileAsync(officer, "03", new()
        {
            ["LegalBasis"] = "Kế hoạch số 45/KH-SYT ngày 10/01/2026 của Sở Y tế",
            ["ContactPhone"] = "0204 3854 321",
        });
        await AnswerAsync(specialist, director, requestPath, []);

        await specialist.ReloadAsync();
        await FillAsync(specialist, new()
        {
            ["HandoverDate"] = "07/12/2026",
            ["HandoverTime"] = "14:30",
            ["PartyAName"] = "Phạm Văn Nam",
            ["PartyAPosition"] = "Phó Giám đốc Trung tâm",
        }, prefix: "minutes");
        await specialist.ClickAsync("#schedule-handover");
        await Assertions.Expect(specialist.Locator("#request-status")).ToHaveTextAsync("Đã hẹn bàn giao");
        await specialist.ClickAsync("#record-handover");
        await Assertions.Expect(specialist.Locator("#request-status")).ToHaveTextAsync("Hoàn thành");
        await Assertions.Expect(specialist.Locator("#minutes-section")).ToContainTextAsync("số 01/BB-CNTT&TT");
        await Assertions.Expect(specialist.Locator("#request-timeline")).ToContainTextAsync("14:30 ngày 07/12/2026");

        await officer.ReloadAsync();
        await Assertions.Expect(officer.Locator("#minutes-signatures")).ToContainTextAsync("chờ đại diện bên B ký");
        await officer.ClickAsync("#sign-minutes");
        await Assertions.Expect(officer.Locator("#minutes-signatures")).ToContainTextAsync("cả hai bên");
        await Assertions.Expect(officer.Locator("#sign-minutes")).ToHaveCountAsync(0);
        var minutes = await officer.Context.APIRequest.GetAsync(requestPath + "/documents/minutes.pdf");
        var report = await Pdf.SignaturesAsync(await minutes.BodyAsync());
        Assert.Equal(2, report.Split("Signature is Valid").Length - 1);

        var account = (await officer.Locator("#request-outcome").TextContentAsync())!.Trim();
        await officer.ClickAsync("#reveal-secret-0");
        var oneTimePassword = (await officer.Locator("#secret-value-0").TextContentAsync())!.Trim();
        var administrator = await _browser!.NewPageAsync(
            new BrowserNewPageOptions { BaseURL = _portal.ServerAddress.ToString() });
        await administrator.GotoAsync("/account/login");
        await administrator.FillAsync("#email", account);
        await administrator.FillAsync("#password", oneTimePassword);
        await administrator.ClickAsync("button[type=submit]");
        await administrator.WaitForURLAsync("**/account/change-password");
        Assert.Equal("000.00.15.h06@bacgiang.gov.vn", account);
    }

    [Fact]
    public async Task Mau08ThenMau12_TheSsoClientIsRegisteredThenCancelledByChoosingIt()
    {
        var (officer, specialist, director) = await SignInEveryoneAsync();

        var registration = await FileAsync(officer, "08", new()
        {
            ["LegalBasis"] = "Kế hoạch số 45/KH-SYT ngày 10/01/2026 của Sở Y tế",
            ["ApplicationName"] = "Cổng dịch vụ y tế",
            ["Developer"] = "Trung tâm Công nghệ thông tin",
            ["CallbackUrls"] = "https://yte.bacgiang.gov.vn/signin-oidc\nhttps://yte.bacgiang.gov.vn/app/callback",
            ["SignOutUrls"] = "https://yte.bacgiang.gov.vn/",
        });
        await AnswerAsync(specialist, director, registration, new()
        {
            ["SsoSignInUrl"] = "https://sso.bacgiang.gov.vn/dang-nhap",
            ["SsoSignOutUrl"] = "https://sso.bacgiang.gov.vn/dang-xuat",
        });
        await officer.GotoAsync(registration);
        var clientId = (await officer.Locator("#request-outcome").TextContentAsync())!.Trim();

        await officer.GotoAsync("/requests/new");
        await officer.ClickAsync("#start-12");
        await officer.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/requests/[0-9a-f-]{36}$"));
        await officer.ClickAsync("#field-ClientId");
        await officer.GetByText($"Cổng dịch vụ y tế ({clientId})").ClickAsync();
        var cancellation = await FileAsync(officer, null, []);
        await AnswerAsync(specialist, director, cancellation, []);

        await using var scope = _portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Lgsp.Portal.Data.PortalDbContext>();
        var client = db.SsoClients.Single(c => c.ClientId == clientId);
        Assert.Equal("https://yte.bacgiang.gov.vn/signin-oidc\nhttps://yte.bacgiang.gov.vn/app/callback",
            client.CallbackUrls);
        Assert.NotNull(client.RevokedUtc);
    }

    [Fact]
    public async Task Preview_WhileTyping_RendersTheUnsavedLetter_ForTheTypistOnly()
    {
        var (officer, specialist, _) = await SignInEveryoneAsync();
        await officer.GotoAsync("/requests/new");
        await officer.ClickAsync("#start-01");
        await officer.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/requests/[0-9a-f-]{36}$"));

        await officer.ClickAsync("#request-preview-panel .mud-expand-panel-header");
        var frame = officer.Locator("#request-preview");
        await Assertions.Expect(frame).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("v=1$"));
        await FillAsync(officer, new() { ["ApplicationName"] = "Hệ thống quản lý hồ sơ sức khỏe điện tử" });
        await Assertions.Expect(frame).Not.ToHaveAttributeAsync("src",
            new System.Text.RegularExpressions.Regex("v=1$"));

        var address = (await frame.GetAttributeAsync("src"))!;
        var preview = await officer.Context.APIRequest.GetAsync(address);
        var text = Pdf.Text(await preview.BodyAsync());
        var stranger = await specialist.Context.APIRequest.GetAsync(address);
        Assert.Equal(200, preview.Status);
        Assert.Contains(Pdf.Compact("Hệ thống quản lý hồ sơ sức khỏe điện tử"), text, StringComparison.Ordinal);
        Assert.Contains(Pdf.Compact("DỰ THẢO"), text, StringComparison.Ordinal);
        Assert.Equal(404, stranger.Status);
    }

    /// <summary>Fills the common letter fields and the given ones, submits, and returns the request's path.</summary>
    private static async Task<string> FileAsync(IPage officer, string? form, Dictionary<string, string> fields)
    {
        if (form is not null)
        {
            await officer.GotoAsync("/requests/new");
            await officer.ClickAsync($"#start-{form}");
            await officer.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/requests/[0-9a-f-]{36}$"));
        }

        await FillAsync(officer, new()
        {
            ["LetterNumber"] = "127/SYT-VP",
            ["ContactPosition"] = "Chuyên viên",
            ["ContactDepartment"] = "Văn phòng Sở",
            ["ContactPhone"] = "0912345678",
            ["SignerTitle"] = "Giám đốc",
            ["SignerName"] = "Lê Văn Cường",
        });
        await FillAsync(officer, fields);
        await officer.ClickAsync("#submit-request");
        await Assertions.Expect(officer.Locator("#request-status")).ToHaveTextAsync("Đã gửi, chờ tiếp nhận");
        return new Uri(officer.Url).AbsolutePath;
    }

    private static async Task AnswerAsync(
        IPage specialist, IPage director, string requestPath, Dictionary<string, string> replyFields)
    {
        await specialist.GotoAsync(requestPath);
        await specialist.ClickAsync("#accept-request");
        await FillAsync(specialist, new() { ["SignerName"] = "Trần Văn Minh" }, prefix: "reply");
        if (await specialist.Locator("#reply-SupportName").CountAsync() > 0)
        {
            await FillAsync(specialist, new()
            {
                ["SupportName"] = "Nguyễn Thị Hoa",
                ["SupportMobile"] = "0987654321",
            }, prefix: "reply");
        }

        await FillAsync(specialist, replyFields, prefix: "reply");
        await specialist.ClickAsync("#save-reply");
        await Assertions.Expect(specialist.Locator("#request-status")).ToHaveTextAsync("Chờ Giám đốc phê duyệt");
        await director.GotoAsync(requestPath);
        await director.ClickAsync("#approve-reply");
        await Assertions.Expect(director.Locator("#request-status")).ToHaveTextAsync("Đã ban hành");
    }

    /// <summary>An agency officer, a Specialist and a Director, each in a browser context of their own.</summary>
    private async Task<(IPage Officer, IPage Specialist, IPage Director)> SignInEveryoneAsync()
    {
        var password = await _portal.CreateUserAsync(Officer, Roles.AgencyHead, Agency);
        await _portal.CreateUserAsync(Specialist, Roles.Specialist);
        await _portal.CreateUserAsync(Director, Roles.Director);
        return (await SignInAsync(Officer, password),
            await SignInAsync(Specialist, "Matkhau-Thu-2026"),
            await SignInAsync(Director, "Matkhau-Thu-2026"));
    }

    private async Task<IPage> SignInAsync(string email, string password)
    {
        var context = await _browser!.NewContextAsync(
            new BrowserNewContextOptions { BaseURL = _portal.ServerAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        return page;
    }

    private static async Task FillAsync(IPage page, Dictionary<string, string> fields, string prefix = "field")
    {
        foreach (var (name, value) in fields)
        {
            var field = page.Locator($"#{prefix}-{name}");
            await field.FillAsync(value);
            await field.BlurAsync();
        }
    }
}
