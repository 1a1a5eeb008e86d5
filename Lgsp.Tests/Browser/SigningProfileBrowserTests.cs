using Lgsp.Portal.Identity;
using Lgsp.Tests.Support;
using Microsoft.Playwright;

namespace Lgsp.Tests.Browser;

/// <summary>An agency head sets up signing in a real browser: seal, signature image, own certificate.</summary>
[Collection(WebCollection.Name)]
public sealed class SigningProfileBrowserTests : IAsyncLifetime
{
    private const string Head = "lanhdao.syt@bacgiang.gov.vn";
    private readonly PortalFactory _portal =
        new(kestrel: true, settings: TestCertificates.TrustingTheTestAuthority());
    private readonly string _folder = System.IO.Directory.CreateTempSubdirectory("lgsp-signing-page-").FullName;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync() => (_playwright, _browser) = await Chromium.LaunchAsync();

    public async Task DisposeAsync()
    {
        await _browser!.DisposeAsync();
        _playwright!.Dispose();
        _portal.Dispose();
        System.IO.Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Head_UploadsSealAndSignature_AndBringsTheirOwnCertificate_AWrongPasswordIsExplained()
    {
        var password = await _portal.CreateUserAsync(Head, Roles.AgencyHead, "000.00.15.H06");
        var page = await _browser!.NewPageAsync(
            new BrowserNewPageOptions { BaseURL = _portal.ServerAddress.ToString() });
        await page.GotoAsync("/account/login");
        await page.FillAsync("#email", Head);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));

        await page.GotoAsync("/account/signing");
        await Assertions.Expect(page.Locator(".seal-image-none")).ToBeVisibleAsync();
        await Chromium.SetFilesAsync(page, ".seal-image-input", File("con-dau.png", Png.Seal()));
        await Assertions.Expect(page.Locator(".seal-image-preview")).ToBeVisibleAsync();
        await Chromium.SetFilesAsync(page, ".signature-image-input",
            File("chu-ky.txt", "không phải ảnh"u8.ToArray()));
        await Assertions.Expect(page.Locator("#signing-error")).ToContainTextAsync("PNG hoặc JPEG");
        await Chromium.SetFilesAsync(page, ".signature-image-input", File("chu-ky.png", Png.Signature()));
        await Assertions.Expect(page.Locator(".signature-image-preview")).ToBeVisibleAsync();

        var (pkcs12, leaf, _) = TestCertificates.ExternalPkcs12("Người thử nghiệm", "mat-khau-p12");
        await Chromium.SetFilesAsync(page, ".pkcs12-input", File("le-van-cuong.p12", pkcs12));
        await page.FillAsync("#pkcs12-password", "sai");
        await page.ClickAsync("#import-pkcs12");
        await Assertions.Expect(page.Locator("#signing-error")).ToContainTextAsync("sai mật khẩu");
        await Chromium.SetFilesAsync(page, ".pkcs12-input", File("le-van-cuong.p12", pkcs12));
        await page.FillAsync("#pkcs12-password", "mat-khau-p12");
        await page.ClickAsync("#import-pkcs12");

        await Assertions.Expect(page.Locator("#signing-message")).ToContainTextAsync("Người thử nghiệm");
        await Assertions.Expect(page.Locator("#my-certificates")).ToContainTextAsync("Tổ chức chứng thực bên ngoài");
        await Assertions.Expect(page.Locator("#my-certificates")).ToContainTextAsync("Còn hiệu lực");
        Assert.DoesNotContain(leaf.Thumbprint, await page.ContentAsync(), StringComparison.Ordinal);
    }

    private static FilePayload File(string name, byte[] content) => new()
    {
        Name = name,
        MimeType = name.EndsWith(".png", StringComparison.Ordinal) ? "image/png" : "application/octet-stream",
        Buffer = content,
    };
}
