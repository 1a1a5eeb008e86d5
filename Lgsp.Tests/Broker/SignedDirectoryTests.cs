using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Lgsp.Portal.Applications;
using Lgsp.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Tests.Broker;

/// <summary>The running server, called by the real curl exactly as the README tells agency developers.</summary>
[Collection(WebCollection.Name)]
public sealed class SignedDirectoryTests : IDisposable
{
    private readonly PortalFactory _portal = new(kestrel: true);

    public void Dispose() => _portal.Dispose();

    private async Task<IssuedKey> IssueAsync(string algorithm = "hmac-sha256")
    {
        await using var scope = _portal.ScopeActingAs();
        var keys = scope.ServiceProvider.GetRequiredService<ApplicationKeys>();
        return await keys.IssueAsync(
            "000.00.15.H06",
            "Phần mềm quản lý văn bản",
            algorithm,
            null,
            CancellationToken.None);
    }

    private async Task<(int Status, JsonDocument Body)> CurlAsync(string user, string pathAndQuery)
    {
        var start = new ProcessStartInfo("curl") { RedirectStandardOutput = true, RedirectStandardError = true };
        var url = new Uri(_portal.ServerAddress, pathAndQuery).AbsoluteUri;
        string[] args = ["-s", "-w", "\n%{http_code}", "--aws-sigv4", "lgsp:lgsp:bacgiang:broker", "--user", user, url];
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var curl = Process.Start(start)!;
        var output = await curl.StandardOutput.ReadToEndAsync();
        await curl.WaitForExitAsync();
        var split = output.LastIndexOf('\n');
        Assert.True(split > 0, $"curl printed: {output}");
        return (int.Parse(output[(split + 1)..]), JsonDocument.Parse(output[..split]));
    }

    [Fact]
    public async Task Curl_SignedDirectorySearch_FindsTheAgencyAndItsSuccessor()
    {
        var key = await IssueAsync();

        var (status, body) = await CurlAsync(
            $"{key.AccessKeyId}:{key.SecretKey}",
            "/api/v1/directory?q=so%20thong%20tin");

        Assert.Equal(200, status);
        var first = body.RootElement[0];
        Assert.Equal("000.00.11.H06", first.GetProperty("id").GetString());
        Assert.Equal("Sở Thông tin và Truyền thông", first.GetProperty("name").GetString());
        Assert.Equal("000.00.14.H06", first.GetProperty("successorId").GetString());
        Assert.Equal("000.00.00.H06", first.GetProperty("parentId").GetString());
    }

    [Fact]
    public async Task Curl_CallerIsOnlineAfterASignedRequest()
    {
        var key = await IssueAsync();

        var (_, body) = await CurlAsync($"{key.AccessKeyId}:{key.SecretKey}", "/api/v1/directory?q=000.00.15.H06");

        Assert.True(body.RootElement[0].GetProperty("online").GetBoolean());
    }

    [Fact]
    public async Task Curl_RevokedKey_IsRefusedAtOnce()
    {
        var key = await IssueAsync();
        await using (var scope = _portal.ScopeActingAs())
        {
            await scope.ServiceProvider.GetRequiredService<ApplicationKeys>()
                .RevokeAsync(key.AccessKeyId, CancellationToken.None);
        }

        var (status, body) = await CurlAsync($"{key.AccessKeyId}:{key.SecretKey}", "/api/v1/directory?q=y");

        Assert.Equal(401, status);
        Assert.Equal("InvalidAccessKey", body.RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Curl_WrongSecret_IsSignatureDoesNotMatch()
    {
        var key = await IssueAsync();

        var (status, body) = await CurlAsync($"{key.AccessKeyId}:not-the-secret", "/api/v1/directory?q=y");

        Assert.Equal(401, status);
        Assert.Equal("SignatureDoesNotMatch", body.RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Unsigned_IsMissingAuthentication_AsProblemJson()
    {
        using var client = new HttpClient { BaseAddress = _portal.ServerAddress };

        var response = await client.GetAsync("/api/v1/directory?q=y");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("MissingAuthentication", body.RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Time_IsUnsigned()
    {
        using var client = new HttpClient { BaseAddress = _portal.ServerAddress };

        using var body = JsonDocument.Parse(await client.GetStringAsync("/api/v1/time"));

        var utc = DateTimeOffset.Parse(
            body.RootElement.GetProperty("utc").GetString()!,
            System.Globalization.CultureInfo.InvariantCulture);
        Assert.True((DateTimeOffset.UtcNow - utc).Duration() < TimeSpan.FromMinutes(1));
    }
}
