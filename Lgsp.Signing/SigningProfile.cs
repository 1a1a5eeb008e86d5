namespace Lgsp.Signing;

/// <summary>How the MAC or signature over the string to sign is made.</summary>
public enum SignatureKind
{
    /// <summary>HMAC-SHA256 key chain and MAC (SigV4 proper).</summary>
    HmacSha256,

    /// <summary>HMAC-SHA1 key chain and MAC; hashes of body and canonical request stay SHA-256 (Điều 4.4).</summary>
    HmacSha1,

    /// <summary>RSASSA-PKCS1-v1_5 with SHA-256 by the application's private key; no secret exists.</summary>
    RsaSha256,
}

/// <summary>
/// One accepted algorithm with the names that go with it: the <c>LGSP4</c> names, or the <c>AWS4</c> names so
/// that stock SigV4 signers work unchanged.
/// </summary>
public sealed record SigningProfile(
    string Algorithm,
    SignatureKind Kind,
    string DateHeader,
    string ContentHashHeader,
    string Terminator,
    string KeyPrefix)
{
    /// <summary><c>LGSP4-HMAC-SHA256</c>: what <c>curl --aws-sigv4 "lgsp:lgsp:…"</c> produces.</summary>
    public static SigningProfile LgspHmacSha256 { get; } =
        new(
            "LGSP4-HMAC-SHA256",
            SignatureKind.HmacSha256,
            "x-lgsp-date",
            "x-lgsp-content-sha256",
            "lgsp4_request",
            "LGSP4");

    /// <summary><c>AWS4-HMAC-SHA256</c>: the same scheme under the AWS names.</summary>
    public static SigningProfile AwsHmacSha256 { get; } =
        new("AWS4-HMAC-SHA256", SignatureKind.HmacSha256, "x-amz-date", "x-amz-content-sha256", "aws4_request", "AWS4");

    /// <summary><c>LGSP4-HMAC-SHA1</c>: the legacy MAC.</summary>
    public static SigningProfile LgspHmacSha1 { get; } =
        new(
            "LGSP4-HMAC-SHA1",
            SignatureKind.HmacSha1,
            "x-lgsp-date",
            "x-lgsp-content-sha256",
            "lgsp4_request",
            "LGSP4");

    /// <summary><c>LGSP4-RSA-SHA256</c>: a signature by the application's registered key pair.</summary>
    public static SigningProfile LgspRsaSha256 { get; } =
        new(
            "LGSP4-RSA-SHA256",
            SignatureKind.RsaSha256,
            "x-lgsp-date",
            "x-lgsp-content-sha256",
            "lgsp4_request",
            "LGSP4");

    /// <summary>Every accepted profile.</summary>
    public static IReadOnlyList<SigningProfile> All { get; } =
        [LgspHmacSha256, AwsHmacSha256, LgspHmacSha1, LgspRsaSha256];

    /// <summary>The profile named by an <c>Authorization</c> header's algorithm, or null.</summary>
    public static SigningProfile? Find(string algorithm) =>
        All.FirstOrDefault(p => p.Algorithm.Equals(algorithm, StringComparison.Ordinal));
}
