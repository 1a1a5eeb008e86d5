using System.Security.Cryptography;
using Lgsp.Signing;

namespace Lgsp.Tests.Signing;

public sealed class SignatureVerifierTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 10, 34, 0, TimeSpan.Zero);
    private static readonly VerificationPolicy Broker = new("bacgiang", "broker", TimeSpan.FromMinutes(5));
    private static readonly SigningCredentials Hmac = new("AKLGSP1", "bí-mật-secret");

    private static SignableRequest Signed(SigningProfile profile, SigningCredentials credentials, DateTimeOffset at)
    {
        var headers = new Dictionary<string, IReadOnlyList<string>>
        {
            ["host"] = ["127.0.0.1:5080"],
            ["content-type"] = ["application/json"],
        };
        var request = new SignableRequest(
            "POST",
            "/api/v1/exchanges",
            "b=2&a=1",
            headers,
            CanonicalRequest.EmptyPayloadHash);
        var authorization = RequestSigner.Sign(request, headers, profile, credentials, Broker, at);
        headers["authorization"] = [authorization];
        return request with { Headers = headers };
    }

    private static VerificationResult Verify(SignableRequest request, VerificationKey? key) =>
        SignatureVerifier.Verify(request, Broker, _ => key, Now);

    [Theory]
    [InlineData("LGSP4-HMAC-SHA256")]
    [InlineData("AWS4-HMAC-SHA256")]
    [InlineData("LGSP4-HMAC-SHA1")]
    public void HmacProfiles_SignedByTheSigner_Verify(string algorithm)
    {
        var request = Signed(SigningProfile.Find(algorithm)!, Hmac, Now);

        var result = Verify(request, new VerificationKey("AKLGSP1", Hmac.Secret, null));

        Assert.True(result.Succeeded, result.Detail);
    }

    [Fact]
    public void Sha1Profile_UsesSha1Mac_ThatASha256KeyChainDoesNotReproduce()
    {
        var sha1 = Signed(SigningProfile.LgspHmacSha1, Hmac, Now);
        var sha256 = Signed(SigningProfile.LgspHmacSha256, Hmac, Now);

        Assert.Equal(40, Signature(sha1).Length);
        Assert.Equal(64, Signature(sha256).Length);
    }

    [Fact]
    public void RsaProfile_VerifiesWithThePublicKey_AndNotWithAnother()
    {
        using var key = RSA.Create(2048);
        using var other = RSA.Create(2048);
        var request = Signed(SigningProfile.LgspRsaSha256, new SigningCredentials("AKRSA1", null, key), Now);

        Assert.True(Verify(request, new VerificationKey("AKRSA1", null, key)).Succeeded);
        Assert.Equal(
            VerificationFailure.SignatureDoesNotMatch,
            Verify(request, new VerificationKey("AKRSA1", null, other)).Failure);
        Assert.Equal(
            VerificationFailure.SignatureDoesNotMatch,
            Verify(request, new VerificationKey("AKRSA1", "s", null)).Failure);
    }

    [Fact]
    public void Unsigned_IsMissingAuthentication()
    {
        var request = new SignableRequest(
            "GET",
            "/api/v1/inbox",
            "",
            new Dictionary<string, IReadOnlyList<string>>(),
            "");

        Assert.Equal(VerificationFailure.MissingAuthentication, Verify(request, null).Failure);
    }

    [Theory]
    [InlineData("Bearer abc")]
    [InlineData("LGSP4-HMAC-SHA256")]
    [InlineData("LGSP4-HMAC-SHA256 Credential=AK/20261204/bacgiang/broker/lgsp4_request, Signature=ab")]
    [InlineData("LGSP4-HMAC-SHA256 Credential=AK/2026124/bacgiang/broker/lgsp4_request, "
        + "SignedHeaders=host, Signature=ab")]
    [InlineData("LGSP4-HMAC-SHA256 Credential=AK/20261204/bacgiang/broker/lgsp4_request, "
        + "SignedHeaders=Host, Signature=ab")]
    [InlineData("LGSP4-HMAC-SHA256 Credential=AK/20261204/bacgiang/broker/lgsp4_request, "
        + "SignedHeaders=host, Signature=XYZ")]
    [InlineData("LGSP4-HMAC-SHA256 Credential=AK/20261204/bacgiang/broker/lgsp4_request, "
        + "SignedHeaders=host, Signature=ab")]
    [InlineData("LGSP4-HMAC-SHA256 Credential=AK/20261204/bacgiang/broker/aws4_request, "
        + "SignedHeaders=host;x-lgsp-date, Signature=ab")]
    public void MalformedHeaders_AreMalformedAuthorization(string authorization)
    {
        var headers = new Dictionary<string, IReadOnlyList<string>>
        {
            ["authorization"] = [authorization],
            ["host"] = ["127.0.0.1"],
            ["x-lgsp-date"] = ["20261204T103400Z"],
        };
        var request = new SignableRequest("GET", "/", "", headers, CanonicalRequest.EmptyPayloadHash);

        Assert.Equal(
            VerificationFailure.MalformedAuthorization,
            Verify(request, new VerificationKey("AK", "s", null)).Failure);
    }

    [Fact]
    public void UnknownKey_IsInvalidAccessKey()
    {
        var request = Signed(SigningProfile.LgspHmacSha256, Hmac, Now);

        Assert.Equal(VerificationFailure.InvalidAccessKey, Verify(request, null).Failure);
    }

    [Theory]
    [InlineData(-6)]
    [InlineData(6)]
    public void SignedMoreThanFiveMinutesAway_IsTooSkewed(int minutes)
    {
        var request = Signed(SigningProfile.LgspHmacSha256, Hmac, Now.AddMinutes(minutes));

        Assert.Equal(
            VerificationFailure.RequestTimeTooSkewed,
            Verify(request, new VerificationKey("AKLGSP1", Hmac.Secret, null)).Failure);
    }

    [Fact]
    public void ChangedQueryOrMethod_DoesNotMatch()
    {
        var request = Signed(SigningProfile.LgspHmacSha256, Hmac, Now);
        var key = new VerificationKey("AKLGSP1", Hmac.Secret, null);

        Assert.True(Verify(request with { RawQuery = "a=1&b=2" }, key).Succeeded);
        Assert.Equal(
            VerificationFailure.SignatureDoesNotMatch,
            Verify(request with { RawQuery = "a=1&b=3" }, key).Failure);
        Assert.Equal(VerificationFailure.SignatureDoesNotMatch, Verify(request with { Method = "PUT" }, key).Failure);
    }

    private static string Signature(SignableRequest request) =>
        request.Headers["authorization"][0].Split("Signature=")[1];
}
