using System.Security.Cryptography;
using Lgsp.Signing;

namespace Lgsp.Client;

/// <summary>Where the broker is and which key this application signs with.</summary>
public sealed class LgspClientOptions
{
    /// <summary>The broker's address, e.g. <c>http://127.0.0.1:5080</c>.</summary>
    public required Uri Server { get; init; }

    /// <summary>The application's access key id.</summary>
    public required string AccessKeyId { get; init; }

    /// <summary>The HMAC secret; null for an RSA key.</summary>
    public string? SecretKey { get; init; }

    /// <summary>The RSA private key in PEM, for <c>LGSP4-RSA-SHA256</c> keys.</summary>
    public string? PrivateKeyPem { get; init; }

    /// <summary>The algorithm name, <c>LGSP4-HMAC-SHA256</c> unless the key is of another kind.</summary>
    public string Algorithm { get; init; } = SigningProfile.LgspHmacSha256.Algorithm;

    /// <summary>The credential scope's region.</summary>
    public string Region { get; init; } = "bacgiang";

    /// <summary>The credential scope's service.</summary>
    public string Service { get; init; } = "broker";

    /// <summary>The clock to sign with; tests move it.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    internal SigningCredentials Credentials()
    {
        RSA? rsa = null;
        if (PrivateKeyPem is not null)
        {
            rsa = RSA.Create();
            rsa.ImportFromPem(PrivateKeyPem);
        }

        return new SigningCredentials(AccessKeyId, SecretKey, rsa);
    }
}
