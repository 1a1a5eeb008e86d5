using Lgsp.Portal.Identity;
using Lgsp.Portal.Users;
using Lgsp.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Lgsp.Tests.Browser;

[Collection(WebCollection.Name)]
public sealed class DirectoryBrowserTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = new(kestrel: true);
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
    public async Task Administrator_SignsIn_AndFindsAnAgencyWithoutDiacritics()
    {
        var page = await _browser!.NewPageAsync(
            new BrowserNewPageOptions { BaseURL = _portal.ServerAddress.ToString() });

        await page.GotoAsync("/agencies");
        await page.FillAsync("#email", PortalFactory.AdminEmail);
        await page.FillAsync("#password", PortalFactory.AdminPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/agencies");
        await page.FillAsync("#agency-search", "so thong tin");

        var firstRow = page.Locator("#agency-results tbody tr").First;
        await Assertions.Expect(firstRow).ToContainTextAsync("Sở Thông tin và Truyền thông");
        await Assertions.Expect(firstRow).ToContainTextAsync("000.00.14.H06");
        await Assertions.Expect(page.Locator("#agency-results tbody tr", new() { HasText = "Sở Y tế" }))
            .ToHaveCountAsync(0);
    }

    [Fact]
    public async Task NewStaffMember_ReplacesTheOneTimePassword_ThenReachesTheHomePage()
    {
        IssuedCredentials issued;
        await using (var scope = _portal.ScopeActingAs())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserAdministration>();
            issued = await users.CreateAsync(
                new NewUser("chuyenvien@bacgiang.gov.vn", "Trần Thị Bình", [Roles.Specialist], null),
                CancellationToken.None);
        }

        var page = await _browser!.NewPageAsync(
            new BrowserNewPageOptions { BaseURL = _portal.ServerAddress.ToString() });
        await page.GotoAsync("/account/login");
        await page.FillAsync("#email", issued.Email);
        await page.FillAsync("#password", issued.OneTimePassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/account/change-password");
        await page.FillAsync("#current", issued.OneTimePassword);
        await page.FillAsync("#new", "Binh-Moi-2026x");
        await page.FillAsync("#confirm", "Binh-Moi-2026x");
        await page.ClickAsync("button[type=submit]");

        await Assertions.Expect(page.Locator("h4")).ToContainTextAsync("Xin chào, Trần Thị Bình");
        await Assertions.Expect(page.GetByText("Vai trò: Chuyên viên")).ToBeVisibleAsync();
    }
}
