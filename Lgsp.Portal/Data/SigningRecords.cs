namespace Lgsp.Portal.Data;

/// <summary>
/// A signing certificate with its private key, kept as a PKCS#12 blob encrypted by Data Protection: the portal's
/// own certificate authority (no user) or a certificate it issued to a user.
/// </summary>
public sealed class SigningCertificateRecord
{
    public Guid Id { get; set; }

    /// <summary>The user it was issued to; null for the authority itself.</summary>
    public string? UserId { get; set; }

    public string Subject { get; set; } = "";

    public string Thumbprint { get; set; } = "";

    /// <summary>
    /// SHA-256 of the certificate's public key (SubjectPublicKeyInfo), hex: revoking a key revokes every
    /// certificate issued for it, so a revoked key cannot come back under a new certificate.
    /// </summary>
    public string PublicKeySha256 { get; set; } = "";

    public string ProtectedPfx { get; set; } = "";

    public DateTime NotAfterUtc { get; set; }

    public DateTime IssuedUtc { get; set; }

    public DateTime? RevokedUtc { get; set; }

    /// <summary>True for a certificate the user brought from an external authority as a PKCS#12 file.</summary>
    public bool External { get; set; }
}

/// <summary>An issued document as signed, kept byte for byte with its SHA-256 so the portal can recognise it.</summary>
public sealed class IssuedDocumentRecord
{
    public Guid Id { get; set; }

    public Guid RequestId { get; set; }

    /// <summary>"reply" or "minutes".</summary>
    public string Document { get; set; } = "";

    public string Number { get; set; } = "";

    public byte[] Pdf { get; set; } = [];

    public string Sha256 { get; set; } = "";

    /// <summary>The short code printed on the document and carried by its QR code to the verification page.</summary>
    public string VerificationCode { get; set; } = "";

    public string SignedBy { get; set; } = "";

    /// <summary>How many of its signature blocks are signed (the minutes have two).</summary>
    public int Signatures { get; set; } = 1;

    /// <summary>Where each signature block is signed (JSON), for the signatures still to come.</summary>
    public string SignaturePlacesJson { get; set; } = "[]";

    public DateTime CreatedUtc { get; set; }
}

/// <summary>
/// A scanned image drawn in visible signatures: a person's handwritten signature (owner "user:{id}") or an
/// agency's seal (owner "agency:{id}"), as PNG or JPEG.
/// </summary>
public sealed class SignatureImageRecord
{
    public string Owner { get; set; } = "";

    public byte[] Image { get; set; } = [];

    public DateTime UpdatedUtc { get; set; }

    public string UpdatedBy { get; set; } = "";
}
