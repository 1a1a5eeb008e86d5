using System.Net;
using System.Text.Json;
using Lgsp.Portal.Applications;
using Lgsp.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Tests.Broker;

/// <summary>Session keys (Điều 11), the per-key rate limit and the OpenAPI document.</summary>
[Collection(WebCollection.Name)]
public sealed class SessionAndLimitTests : IDisposable
{
    private readonly PortalFactory _portal = new(kestrel: true, settings: new Dictionary<string, string>
    {
        ["Broker:RateLimitPerSecond"] = "1",
        ["Broker:RateLimitBurst"] = "30",
    });

    public void Dispose() => _portal.Dispose();

    [Fact]
    public async Task SessionKey_IsGenuineForItsDestinationOnly_AndDiesWithTheSourceKey()
    {
        var sourceKey = await BrokerClient.IssueKeyAsync(_portal, "000.00.15.H06");
        using var source = BrokerClient.Create(_portal, "000.00.15.H06", sourceKey, new SteppingClock());
        using var destination = await BrokerClient.IssueAsync(_portal, "000.00.14.H06");
        using var stranger = await BrokerClient.IssueAsync(_portal, "000.00.02.H06");

        var (issued, session) = await source.SendAsync(HttpMethod.Post, "/api/v1/auth/sessions",
            new { destination = "000.00.14.H06", scope = "van-ban" });
        var token = session.GetProperty("sessionToken").GetString();
        var (_, genuine) = await destination.SendAsync(
            HttpMethod.Post,
            "/api/v1/auth/introspect",
            new { sessionToken = token });
        var (_, asStranger) = await stranger.SendAsync(
            HttpMethod.Post,
            "/api/v1/auth/introspect",
            new { sessionToken = token });
        await using (var scope = _portal.ScopeActingAs())
        {
            await scope.ServiceProvider.GetRequiredService<ApplicationKeys>()
                .RevokeAsync(sourceKey.AccessKeyId, CancellationToken.None);
        }

        var (_, afterRevoke) = await destination.SendAsync(
            HttpMethod.Post,
            "/api/v1/auth/introspect",
            new { sessionToken = token });

        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        Assert.True(genuine.GetProperty("active").GetBoolean());
        Assert.Equal("van-ban", genuine.GetProperty("scope").GetString());
        Assert.Equal(sourceKey.AccessKeyId, genuine.GetProperty("source").GetString());
        Assert.False(asStranger.GetProperty("active").GetBoolean());
        Assert.False(afterRevoke.GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task SessionKey_ForARetiredAgency_IsAccessDenied()
    {
        using var source = await BrokerClient.IssueAsync(_portal, "000.00.15.H06");

        var (response, problem) = await source.SendAsync(HttpMethod.Post, "/api/v1/auth/sessions",
            new { destination = "000.00.11.H06", scope = "van-ban" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("AccessDenied", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task RequestsOverTheKeysRate_Get429WithRetryAfter()
    {
        using var client = await BrokerClient.IssueAsync(_portal, "000.00.15.H06");

        HttpResponseMessage? refused = null;
        for (var i = 0; i < 60 && refused is null; i++)
        {
            var (response, _) = await client.SendAsync(HttpMethod.Get, "/api/v1/directory?q=y");
            refused = response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        Assert.NotNull(refused);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal("TooManyRequests", problem.RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task OpenApiDocument_ListsTheExchangeEndpoints_AndTheReferencePageIsSelfContained()
    {
        using var http = new HttpClient { BaseAddress = _portal.ServerAddress };

        using var document = JsonDocument.Parse(await http.GetStringAsync("/openapi/v1.json"));
        var page = await http.GetStringAsync("/api/reference/");

        var paths = document.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/exchanges", out _));
        Assert.True(paths.TryGetProperty("/api/v1/exchanges/{id}/ack", out _));
        Assert.Contains("\"openapi/v1.json\"", page, StringComparison.Ordinal);
        Assert.Contains("<script src=\"scalar.js\">", page, StringComparison.Ordinal);
        Assert.DoesNotContain("src=\"https://", page, StringComparison.Ordinal);
    }
}
