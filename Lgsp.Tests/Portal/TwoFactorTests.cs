using System.Net;
using Lgsp.Portal.Data;
using Lgsp.Portal.Identity;
using Lgsp.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Tests.Portal;

[Collection(WebCollection.Name)]
public sealed class TwoFactorTests : IDisposable
{
    private const string Email = "giamdoc@bacgiang.gov.vn";

    private readonly PortalFactory _portal = new();

    public void Dispose() => _portal.Dispose();

    [Fact]
    public async Task StaffWithAuthenticator_NeedsTheCurrentCode_ToFinishSigningIn()
    {
        var password = await _portal.CreateUserAsync(Email, Roles.Director);
        var key = await EnableAuthenticatorAsync();
        var client = _portal.CreateBrowserlikeClient();

        var first = await PortalFactory.SignInAsync(client, Email, password);
        var blocked = await client.GetAsync("/admin/users");
        var wrong = await PostCodeAsync(client, "000000");
        var right = await PostCodeAsync(client, Totp.Code(key, DateTimeOffset.UtcNow));

        Assert.StartsWith("/account/login-2fa", first.Headers.Location!.LocalPart(), StringComparison.Ordinal);
        Assert.StartsWith("/account/login", blocked.Headers.Location!.LocalPart(), StringComparison.Ordinal);
        Assert.Contains("không đúng", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/agencies")).StatusCode);
    }

    [Fact]
    public async Task AnAcceptedCode_CannotSignInASecondTime()
    {
        var password = await _portal.CreateUserAsync(Email, Roles.Director);
        var key = await EnableAuthenticatorAsync();
        var code = Totp.Code(key, DateTimeOffset.UtcNow);
        var first = _portal.CreateBrowserlikeClient();
        var second = _portal.CreateBrowserlikeClient();
        await PortalFactory.SignInAsync(first, Email, password);
        await PortalFactory.SignInAsync(second, Email, password);

        var accepted = await PostCodeAsync(first, code);
        var replayed = await PostCodeAsync(second, code);

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Contains("không đúng", await replayed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.StartsWith("/account/login", (await second.GetAsync("/agencies")).Headers.Location!.LocalPart(),
            StringComparison.Ordinal);
    }

    private async Task<string> EnableAuthenticatorAsync()
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = (await users.FindByNameAsync(Email))!;
        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
        return (await users.GetAuthenticatorKeyAsync(user))!;
    }

    private static Task<HttpResponseMessage> PostCodeAsync(HttpClient client, string code) =>
        PortalFactory.PostFormAsync(client, "/account/login-2fa", "login-2fa", new() { ["Input.Code"] = code });
}
