using System.Security.Cryptography;
using Lgsp.Forms.Letters;
using Lgsp.Portal.Data;
using Microsoft.EntityFrameworkCore;

namespace Lgsp.Portal.Letters;

/// <summary>What the verification page tells anyone about an uploaded PDF.</summary>
/// <param name="Signatures">Each signature: valid or not, who, when, whether the file is unchanged since.</param>
/// <param name="IssuedNumber">The document's number when the portal issued exactly this file, else null.</param>
/// <param name="RevokedUtc">For signers whose certificate the portal has revoked: when, by thumbprint.</param>
public sealed record VerificationResult(
    IReadOnlyList<FoundSignature> Signatures,
    string? IssuedNumber,
    DateTime? IssuedUtc,
    string Sha256,
    IReadOnlyDictionary<string, DateTime> RevokedUtc);

/// <summary>
/// Checks an uploaded PDF for the public page at /verify: its signatures, and whether its SHA-256 is one the portal
/// registered when it issued a document. Nothing about the request behind it is revealed.
/// </summary>
public sealed class DocumentVerification(PortalDbContext db)
{
    /// <summary>The largest file the page accepts.</summary>
    public const long MaxBytes = 20 * 1024 * 1024;

    public async Task<VerificationResult> VerifyAsync(byte[] pdf, CancellationToken cancellationToken)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(pdf));
        var issued = await db.IssuedDocuments.AsNoTracking()
            .Where(d => d.Sha256 == hash)
            .Select(d => new { d.Number, d.CreatedUtc })
            .FirstOrDefaultAsync(cancellationToken);
        var signatures = SignatureVerifier.Verify(pdf);
        var thumbprints = signatures.Select(s => s.Thumbprint).OfType<string>().Distinct().ToList();
        var revoked = await db.SigningCertificates.AsNoTracking()
            .Where(c => thumbprints.Contains(c.Thumbprint) && c.RevokedUtc != null)
            .ToDictionaryAsync(c => c.Thumbprint, c => c.RevokedUtc!.Value, cancellationToken);
        return new VerificationResult(signatures, issued?.Number, issued?.CreatedUtc, hash, revoked);
    }
}
