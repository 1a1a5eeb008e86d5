using System.Security.Cryptography;
using Lgsp.Forms.Letters;
using Lgsp.Portal.Data;
using Microsoft.EntityFrameworkCore;

namespace Lgsp.Portal.Letters;

/// <summary>One signature as the verification page reports it: the check itself and what the portal knows.</summary>
/// <param name="Trust">How far the signer's certificate is vouched for.</param>
/// <param name="RevokedUtc">When the portal revoked the signer's certificate, if it did.</param>
/// <param name="RevokedBeforeSigning">
/// The certificate was revoked and nothing proves the signature is older than the revocation (a time-stamp, or the
/// portal's own register of the file): it counts for nothing, whatever time the signer wrote into it.
/// </param>
public sealed record CheckedSignature(
    FoundSignature Found,
    CertificateTrust Trust,
    DateTime? RevokedUtc,
    bool RevokedBeforeSigning)
{
    /// <summary>Valid, and not made with a certificate that was already revoked.</summary>
    public bool Valid => Found.Valid && !RevokedBeforeSigning;
}

/// <summary>A registered document the uploaded file is byte for byte.</summary>
/// <param name="Document">"request" (an agency's letter sent through the portal), "reply" or "minutes".</param>
/// <param name="Superseded">A later version with more signatures was registered (minutes signed by party B).</param>
public sealed record RegisteredMatch(string Number, string Document, DateTime IssuedUtc, bool Superseded);

/// <summary>What the verification page tells anyone about an uploaded PDF.</summary>
public sealed record VerificationResult(
    IReadOnlyList<CheckedSignature> Signatures,
    RegisteredMatch? Registered,
    string Sha256);

/// <summary>
/// Checks an uploaded PDF for the public page at /verify: its signatures (with the trust in each signer's
/// certificate and its revocation here), and whether its SHA-256 is one the portal registered. Nothing about the
/// request behind it is revealed.
/// </summary>
public sealed class DocumentVerification(
    PortalDbContext db, SigningAuthority authority, CertificateTrustPolicy trustPolicy)
{
    /// <summary>The largest file the page accepts.</summary>
    public const long MaxBytes = 20 * 1024 * 1024;

    public async Task<VerificationResult> VerifyAsync(byte[] pdf, CancellationToken cancellationToken)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(pdf));
        var issued = await db.IssuedDocuments.AsNoTracking()
            .Where(d => d.Sha256 == hash)
            .Select(d => new { d.RequestId, d.Document, d.Number, d.CreatedUtc, d.Signatures })
            .FirstOrDefaultAsync(cancellationToken);
        var superseded = issued is not null && await db.IssuedDocuments.AnyAsync(
            d => d.RequestId == issued.RequestId && d.Document == issued.Document && d.Signatures > issued.Signatures,
            cancellationToken);

        var checkedSignatures = new List<CheckedSignature>();
        var found = SignatureVerifier.Verify(pdf);
        var portalRoots = found.Count > 0 ? await authority.AuthorityCertificatesAsync(cancellationToken) : [];
        foreach (var signature in found)
        {
            // When the signature provably existed: its time-stamp, else the portal's register of this very file.
            // The time the signer wrote into it is a claim, which a revoked key can back-date at will.
            DateTime? provenUtc = signature.TimeStampedAt?.UtcDateTime ?? issued?.CreatedUtc;
            var signedUtc = provenUtc ?? signature.SignedAt?.UtcDateTime ?? DateTime.UtcNow;
            var trust = signature.Certificate is { } certificate
                ? trustPolicy.Evaluate(certificate, signature.Carried ?? [], signedUtc, portalRoots)
                : CertificateTrust.Unverified;
            var revoked = signature.Certificate is { } signer
                ? await authority.RevokedAtAsync(signer, cancellationToken)
                : null;
            checkedSignatures.Add(new CheckedSignature(signature, trust, revoked,
                revoked is { } at && (provenUtc is not { } proven || at <= proven)));
        }

        return new VerificationResult(
            checkedSignatures,
            issued is null ? null : new RegisteredMatch(issued.Number, issued.Document, issued.CreatedUtc, superseded),
            hash);
    }
}
