using System.Globalization;
using System.Security.Cryptography;

namespace Lgsp.Signing;

/// <summary>What the broker holds for an access key: an HMAC secret, or an RSA public key.</summary>
public sealed record VerificationKey(string AccessKeyId, string? Secret, RSA? PublicKey);

/// <summary>Why a signed request was refused; the names are the wire contract's error codes.</summary>
public enum VerificationFailure
{
    None,
    MissingAuthentication,
    MalformedAuthorization,
    RequestTimeTooSkewed,
    InvalidAccessKey,
    SignatureDoesNotMatch,
}

/// <summary>The outcome of <see cref="SignatureVerifier.Verify"/>, with a detail fit to show the caller.</summary>
public sealed record VerificationResult(VerificationFailure Failure, string Detail, AuthorizationHeader? Header)
{
    public bool Succeeded => Failure == VerificationFailure.None;
}

/// <summary>The expectations a verifier checks a signature against.</summary>
/// <param name="MaxSkew">The largest difference allowed between the request's date and the server's clock.</param>
public sealed record VerificationPolicy(string Region, string Service, TimeSpan MaxSkew);

/// <summary>
/// Verifies a request signed by the SigV4 profile of the wire contract, in the order the contract's errors
/// imply: present, well formed, on time, known key, matching signature. It is pure: the caller supplies the
/// clock, the key lookup and the body's hash.
/// </summary>
public static class SignatureVerifier
{
    /// <summary>The date-time format of <c>X-Lgsp-Date</c> and <c>X-Amz-Date</c>.</summary>
    public const string DateTimeFormat = "yyyyMMdd'T'HHmmss'Z'";

    public static VerificationResult Verify(
        SignableRequest request,
        VerificationPolicy policy,
        Func<string, VerificationKey?> findKey,
        DateTimeOffset now)
    {
        if (!request.Headers.TryGetValue("authorization", out var authorization) || authorization.Count == 0)
        {
            return Fail(VerificationFailure.MissingAuthentication, "The request is not signed.");
        }

        if (!AuthorizationHeader.TryParse(authorization[0].Trim(), out var header, out var error))
        {
            return Fail(VerificationFailure.MalformedAuthorization, error);
        }

        var malformed = CheckScope(request, header, policy, out var signedAt);
        if (malformed is not null)
        {
            return Fail(VerificationFailure.MalformedAuthorization, malformed, header);
        }

        if ((now - signedAt).Duration() > policy.MaxSkew)
        {
            return Fail(VerificationFailure.RequestTimeTooSkewed,
                $"The request was signed at {signedAt:yyyy-MM-ddTHH:mm:ssZ}, more than {policy.MaxSkew.TotalMinutes:0} "
                + "minutes from the server's time.", header);
        }

        var key = findKey(header.AccessKeyId);
        if (key is null)
        {
            return Fail(
                VerificationFailure.InvalidAccessKey,
                "The access key is unknown, revoked or suspended.",
                header);
        }

        return Matches(request, header, key)
            ? new VerificationResult(VerificationFailure.None, "", header)
            : Fail(VerificationFailure.SignatureDoesNotMatch,
                "The signature does not match the request; check the canonical request and the key.", header);
    }

    private static string? CheckScope(
        SignableRequest request,
        AuthorizationHeader header,
        VerificationPolicy policy,
        out DateTimeOffset signedAt)
    {
        signedAt = default;
        var profile = header.Profile;
        if (!header.SignedHeaders.Contains("host") || !header.SignedHeaders.Contains(profile.DateHeader))
        {
            return $"SignedHeaders must include host and {profile.DateHeader}.";
        }

        if (!header.SignedHeaders.SequenceEqual(header.SignedHeaders.Order(StringComparer.Ordinal)))
        {
            return "SignedHeaders must be sorted.";
        }

        if (!request.Headers.TryGetValue(profile.DateHeader, out var dates) || dates.Count != 1
            || !DateTimeOffset.TryParseExact(dates[0].Trim(), DateTimeFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out signedAt))
        {
            return $"The {profile.DateHeader} header must be one date-time in the form yyyyMMddTHHmmssZ.";
        }

        if (header.Date != signedAt.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture))
        {
            return $"The credential's date is not the date of {profile.DateHeader}.";
        }

        if (header.Region != policy.Region || header.Service != policy.Service
            || header.Terminator != profile.Terminator)
        {
            return $"The credential scope must be yyyyMMdd/{policy.Region}/{policy.Service}/{profile.Terminator}.";
        }

        return null;
    }

    // Signers disagree on two details the contract tolerates: some send the query unsorted (curl before 8.x),
    // and some leave characters outside RFC 3986's unreserved set unencoded in the path. Each reading is
    // tried; a secret can only match a request its holder actually signed.
    private static bool Matches(SignableRequest request, AuthorizationHeader header, VerificationKey key)
    {
        var dateTime = request.Headers[header.Profile.DateHeader][0].Trim();
        var readings = new[] { (true, true), (false, true), (true, false), (false, false) }
            .Select(r => CanonicalRequest.Build(
                request,
                header.SignedHeaders,
                sortQuery: r.Item1,
                normalizePath: r.Item2))
            .Distinct(StringComparer.Ordinal);
        return readings.Any(canonical => Check(header, key, dateTime, canonical));
    }

    private static bool Check(AuthorizationHeader header, VerificationKey key, string dateTime, string canonicalRequest)
    {
        var stringToSign = CanonicalRequest.StringToSign(
            header.Profile.Algorithm,
            dateTime,
            header.Scope,
            canonicalRequest);
        if (header.Profile.Kind == SignatureKind.RsaSha256)
        {
            return key.PublicKey is not null && SignatureMath.RsaVerify(key.PublicKey, stringToSign, header.Signature);
        }

        return key.Secret is not null
            && SignatureMath.MacEquals(SignatureMath.Mac(header, key.Secret, stringToSign), header.Signature);
    }

    private static VerificationResult Fail(
        VerificationFailure failure,
        string detail,
        AuthorizationHeader? header = null) =>
        new(failure, detail, header);
}
