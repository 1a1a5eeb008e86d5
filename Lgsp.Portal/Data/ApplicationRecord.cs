using Lgsp.Signing;

namespace Lgsp.Portal.Data;

/// <summary>A registered application (ứng dụng kết nối) and its key, as stored.</summary>
public sealed class ApplicationRecord
{
    public string AccessKeyId { get; set; } = "";

    public string AgencyId { get; set; } = "";

    public string Name { get; set; } = "";

    public SignatureKind Kind { get; set; }

    /// <summary>The HMAC secret protected by Data Protection; null for RSA keys.</summary>
    public string? ProtectedSecret { get; set; }

    /// <summary>The RSA public key in PEM; null for HMAC keys.</summary>
    public string? PublicKeyPem { get; set; }

    public DateTime IssuedUtc { get; set; }

    public DateTime? RevokedUtc { get; set; }
}
