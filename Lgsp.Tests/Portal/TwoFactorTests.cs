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
