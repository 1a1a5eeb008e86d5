using System.Diagnostics;
using Lgsp.Signing;
using Lgsp.Tests.Support;

namespace Lgsp.Tests.Signing;

/// <summary>Requests signed by the real <c>curl --aws-sigv4</c>, verified by the broker's rules.</summary>
public sealed class CurlSigV4Tests
{
    private const string Key = "LGSPAKTEST0000000001";
    private const string Secret = "c2VjcmV0LWtleS1mb3ItdGVzdHMtb25seQ";
    private static readonly VerificationPolicy Broker = new("bacgiang", "broker", TimeSpan.FromMinutes(5));

    private static VerificationKey? Keys(string id) => id == Key ? new VerificationKey(Key, Secret, null) : null;

    private static async Task<RawHttpRequest> CurlAsync(string provider, string pathAndQuery, params string[] extra)
    {
        return await RawHttpRequest.CaptureAsync(async port =>
        {
            var start = new ProcessStartInfo("curl") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in (string[])["-s", "--aws-sigv4", provider, "--user", $"{Key}:{Secret}", .. extra,
                $"http://127.0.0.1:{port}{pathAndQuery}"])
            {
                start.ArgumentList.Add(arg);
            }

            using var curl = Process.Start(start)!;
            await curl.WaitForExitAsync();
        });
    }

    [Theory]
    [InlineData("/api/v1/inbox?status=Offered")]
    [InlineData("/api/v1/directory?q=so%20thong%20tin&limit=5")]
    [InlineData("/api/v1/directory?z=1&a=2&a=1")]
    [InlineData("/api/v1/directory?q=S%E1%BB%9F%20Y%20t%E1%BA%BF")]
    [InlineData("/api/v1/files/b%C3%A1o%20c%C3%A1o.pdf")]
    [InlineData("/api/v1/time")]
    public async Task CurlLgspProfile_Get_Verifies(string pathAndQuery)
    {
        var request = await CurlAsync("lgsp:lgsp:bacgiang:broker", pathAndQuery);

        var result = SignatureVerifier.Verify(request.ToSignable(), Broker, Keys, DateTimeOffset.UtcNow);

        Assert.True(result.Succeeded, $"{result.Failure}: {result.Detail}");
        Assert.Equal(SigningProfile.LgspHmacSha256, result.Header!.Profile);
    }

    [Fact]
    public async Task CurlLgspProfile_PostWithJsonBody_Verifies()
    {
        var request = await CurlAsync("lgsp:lgsp:bacgiang:broker", "/api/v1/exchanges",
            "-H", "Content-Type: application/json", "-d", "{\"to\":[\"000.00.15.H06\"],\"title\":\"Báo cáo\"}");

        var result = SignatureVerifier.Verify(request.ToSignable(), Broker, Keys, DateTimeOffset.UtcNow);

        Assert.True(result.Succeeded, $"{result.Failure}: {result.Detail}");
    }

    [Fact]
    public async Task CurlAwsProfile_Verifies()
    {
        var request = await CurlAsync("aws:amz:bacgiang:broker", "/api/v1/inbox?status=Offered");

        var result = SignatureVerifier.Verify(request.ToSignable(), Broker, Keys, DateTimeOffset.UtcNow);

        Assert.True(result.Succeeded, $"{result.Failure}: {result.Detail}");
        Assert.Equal(SigningProfile.AwsHmacSha256, result.Header!.Profile);
    }

    [Fact]
    public async Task CurlRequest_WithAChangedBody_DoesNotVerify()
    {
        var request = await CurlAsync("lgsp:lgsp:bacgiang:broker", "/api/v1/exchanges", "-d", "{\"title\":\"a\"}");
        var tampered = request.ToSignable() with { PayloadHash = CanonicalRequest.EmptyPayloadHash };

        var result = SignatureVerifier.Verify(tampered, Broker, Keys, DateTimeOffset.UtcNow);

        Assert.Equal(VerificationFailure.SignatureDoesNotMatch, result.Failure);
    }

    [Fact]
    public async Task CurlRequest_WithAnotherSecret_DoesNotVerify()
    {
        var request = await CurlAsync("lgsp:lgsp:bacgiang:broker", "/api/v1/inbox");

        var result = SignatureVerifier.Verify(
            request.ToSignable(), Broker, id => new VerificationKey(id, Secret + "x", null), DateTimeOffset.UtcNow);

        Assert.Equal(VerificationFailure.SignatureDoesNotMatch, result.Failure);
    }

    [Fact]
    public async Task CurlRequest_VerifiedSixMinutesLater_IsTooSkewed()
    {
        var request = await CurlAsync("lgsp:lgsp:bacgiang:broker", "/api/v1/inbox");

        var result = SignatureVerifier.Verify(request.ToSignable(), Broker, Keys, DateTimeOffset.UtcNow.AddMinutes(6));

        Assert.Equal(VerificationFailure.RequestTimeTooSkewed, result.Failure);
    }

    [Fact]
    public async Task CurlRequest_ForAnotherRegion_IsMalformed()
    {
        var request = await CurlAsync("lgsp:lgsp:bacninh:broker", "/api/v1/inbox");

        var result = SignatureVerifier.Verify(request.ToSignable(), Broker, Keys, DateTimeOffset.UtcNow);

        Assert.Equal(VerificationFailure.MalformedAuthorization, result.Failure);
    }
}
