using System.Globalization;
using System.Security.Cryptography;

namespace Lgsp.Signing;

/// <summary>An application's credentials: an HMAC secret, or an RSA private key.</summary>
public sealed record SigningCredentials(string AccessKeyId, string? Secret, RSA? PrivateKey = null);

/// <summary>
/// Signs a request as agency applications do, so that the broker's own client and the tests use exactly the
/// rules the verifier checks.
/// </summary>
public static class RequestSigner
{
    /// <summary>
    /// Adds the date header and returns the <c>Authorization</c> value. <paramref name="headers"/> must hold
    /// <c>host</c> and every header to sign, by lower-case name; all of them are signed.
    /// </summary>
    public static string Sign(
        SignableRequest request,
        Dictionary<string, IReadOnlyList<string>> headers,
        SigningProfile profile,
        SigningCredentials credentials,
        VerificationPolicy scope,
        DateTimeOffset now)
    {
        var dateTime = now.UtcDateTime.ToString(SignatureVerifier.DateTimeFormat, CultureInfo.InvariantCulture);
        headers[profile.DateHeader] = [dateTime];
        var signed = headers.Keys.Where(k => k != "authorization").Order(StringComparer.Ordinal).ToList();
        var header = new AuthorizationHeader(
            profile,
            credentials.AccessKeyId,
            dateTime[..8],
            scope.Region,
            scope.Service,
            profile.Terminator,
            signed,
            "");
        var canonical = CanonicalRequest.Build(request with { Headers = headers }, signed);
        var stringToSign = CanonicalRequest.StringToSign(profile.Algorithm, dateTime, header.Scope, canonical);
        var signature = profile.Kind == SignatureKind.RsaSha256
            ? SignatureMath.RsaSign(
                credentials.PrivateKey ?? throw new ArgumentException("An RSA key is needed."),
                stringToSign)
            : SignatureMath.Mac(
                header,
                credentials.Secret ?? throw new ArgumentException("A secret is needed."),
                stringToSign);
        return $"{profile.Algorithm} Credential={credentials.AccessKeyId}/{header.Scope}, "
            + $"SignedHeaders={string.Join(';', signed)}, Signature={signature}";
    }
}
