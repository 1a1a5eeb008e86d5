using System.Net;
using Lgsp.Portal.Audit;
using Lgsp.Portal.Data;
using Lgsp.Portal.Identity;
using Lgsp.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Tests.Portal;

[Collection(WebCollection.Name)]
public sealed class SignInTests : IDisposable
{
    private readonly PortalFactory _portal = new();

    public void Dispose() => _portal.Dispose();

    [Fact]
    public async Task Anonymous_StaffAndDirectoryPages_RedirectToLogin()
    {
        var client = _portal.CreateBrowserlikeClient();

        foreach (var path in new[] { "/", "/agencies", "/admin/users", "/agencies/export.csv" })
        {
            var response = await client.GetAsync(path);

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/login", response.Headers.Location!.LocalPart(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task UnknownAddresses_AnswerNotFound_WithThePortalsPage_OrTheBrokersProblem()
    {
        var client = _portal.CreateBrowserlikeClient();
        await PortalFactory.SignInAsync(client, PortalFactory.AdminEmail, PortalFactory.AdminPassword);

        var page = await client.GetAsync("/khong-co-trang-nay");
        var report = await client.GetAsync($"/statistics/reports/{Guid.NewGuid()}");
        var api = await client.GetAsync("/api/v1/khong-co");

        // The portal's shell comes back, and its router shows the not-found page in the browser.
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("blazor.web.js", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, report.StatusCode);
        Assert.Contains("blazor.web.js", await report.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Administrator_SignsIn_AndReachesEveryStaffPage()
    {
        var client = _portal.CreateBrowserlikeClient();

        var signIn = await PortalFactory.SignInAsync(client, PortalFactory.AdminEmail, PortalFactory.AdminPassword);

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/", signIn.Headers.Location!.LocalPart());
        foreach (var path in new[] { "/admin/users", "/admin/audit", "/admin/settings", "/agencies/export.csv" })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
        }

        var bytes = await client.GetByteArrayAsync("/agencies/export.csv");
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var csv = System.Text.Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.StartsWith("id,name,shortName", csv, StringComparison.Ordinal);
        Assert.Contains(
            "000.00.11.H06,Sở Thông tin và Truyền thông,STTTT,merged,000.00.14.H06",
            csv,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task AgencyOfficer_IsRefusedStaffPages_OnTheServer()
    {
        var password = await _portal.CreateUserAsync(
            "000.00.15.h06@bacgiang.gov.vn",
            Roles.AgencyOfficer,
            "000.00.15.H06");
        var client = _portal.CreateBrowserlikeClient();
        await PortalFactory.SignInAsync(client, "000.00.15.h06@bacgiang.gov.vn", password);

        foreach (var path in new[] { "/admin/users", "/admin/audit", "/admin/settings", "/agencies/export.csv" })
        {
            var response = await client.GetAsync(path);

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith(
                "/account/access-denied",
                response.Headers.Location!.LocalPart(),
                StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/agencies")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await client.GetAsync("/jobs")).StatusCode);
    }

    [Fact]
    public async Task WrongPassword_IsRefused_AuditedAndLocksTheAccountAfterFiveTries()
    {
        var client = _portal.CreateBrowserlikeClient();

        for (var i = 0; i < 5; i++)
        {
            var refused = await PortalFactory.SignInAsync(client, PortalFactory.AdminEmail, "Sai-mat-khau-123");
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        }

        var locked = await PortalFactory.SignInAsync(client, PortalFactory.AdminEmail, PortalFactory.AdminPassword);

        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("đang bị khóa", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/admin/users")).StatusCode);
        var actions = await AuditActionsForAsync(PortalFactory.AdminEmail);
        // The fifth wrong password is the one that locks: four failures, then two refusals as locked.
        Assert.Equal(4, actions.Count(a => a == AuditActions.SignInFailed));
        Assert.Equal(2, actions.Count(a => a == AuditActions.LockedOut));
        Assert.DoesNotContain(AuditActions.SignIn, actions);
    }

    [Fact]
    public async Task OneTimePassword_MustBeChangedBeforeAnythingElse()
    {
        await using var scope = _portal.ScopeActingAs();
        var users = scope.ServiceProvider.GetRequiredService<Lgsp.Portal.Users.UserAdministration>();
        var issued = await users.CreateAsync(
            new("chuyenvien@bacgiang.gov.vn", "Nguyễn Văn A", [Roles.Specialist], null), CancellationToken.None);
        var client = _portal.CreateBrowserlikeClient();

        var signIn = await PortalFactory.SignInAsync(client, issued.Email, issued.OneTimePassword);
        var home = await client.GetAsync("/agencies");

        Assert.Equal("/account/change-password", signIn.Headers.Location!.LocalPart());
        Assert.Equal("/account/change-password", home.Headers.Location!.LocalPart());
    }

    [Fact]
    public async Task SignIn_IsAudited_WithActorAndAddress()
    {
        var client = _portal.CreateBrowserlikeClient();

        await PortalFactory.SignInAsync(client, PortalFactory.AdminEmail, PortalFactory.AdminPassword);

        await using var scope = _portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var entry = await db.AuditEntries.SingleAsync(e => e.Action == AuditActions.SignIn);
        Assert.Equal(PortalFactory.AdminEmail, entry.Actor);
        Assert.Equal(PortalFactory.AdminEmail, entry.Target);
    }

    [Fact]
    public async Task AuditLog_RefusesUpdatesAndDeletes_InTheDatabase()
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var before = await db.AuditEntries.CountAsync();

        var delete = await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync("DELETE FROM AuditEntries"));
        var update = await Record.ExceptionAsync(() =>
            db.Database.ExecuteSqlRawAsync("UPDATE AuditEntries SET Actor = 'x'"));

        Assert.NotNull(delete);
        Assert.NotNull(update);
        Assert.True(before > 0);
        Assert.Equal(before, await db.AuditEntries.CountAsync());
    }

    [Fact]
    public async Task Health_AnswersOkWithoutSignIn()
    {
        var client = _portal.CreateBrowserlikeClient();

        var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    private async Task<List<string>> AuditActionsForAsync(string actor)
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.AuditEntries.Where(e => e.Actor == actor).Select(e => e.Action).ToListAsync();
    }
}
