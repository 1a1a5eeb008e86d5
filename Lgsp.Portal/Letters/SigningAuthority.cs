using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Lgsp.Portal.Audit;
using Lgsp.Portal.Data;
using Lgsp.Portal.Settings;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Lgsp.Portal.Letters;

/// <summary>
/// The portal's own certificate authority for document signing: it issues each signer a certificate (RSA 2048,
/// SHA-256, digital signature and non-repudiation) the first time they sign, keeps every private key as a PKCS#12
/// blob encrypted by Data Protection, and records each issue in the audit log.
/// </summary>
public sealed class SigningAuthority(
    PortalDbContext db,
    SettingsService settings,
    AuditLog audit,
    IDataProtectionProvider protection,
    TimeProvider time)
{
    private readonly IDataProtector _keys = protection.CreateProtector("Lgsp.SigningKeys.v1");

    /// <summary>The user's active signing certificate with its private key, issued now if they have none.</summary>
    public async Task<X509Certificate2> CertificateForAsync(PortalUser user, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var existing = await db.SigningCertificates.AsNoTracking()
            .Where(c => c.UserId == user.Id && c.RevokedUtc == null && c.NotAfterUtc > now)
            .OrderByDescending(c => c.IssuedUtc)
            .FirstOrDefaultAsync(cancellationToken);
        if (existing is not null)
        {
            return Load(existing);
        }

        using var authority = await AuthorityAsync(cancellationToken);
        var platform = await settings.GetAsync(cancellationToken);
        using var key = RSA.Create(2048);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(string.IsNullOrWhiteSpace(user.FullName) ? user.Email ?? user.Id : user.FullName);
        subject.AddOrganizationName(platform.DepartmentName);
        subject.AddCountryOrRegion("VN");
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, critical: true));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        var start = time.GetUtcNow().AddMinutes(-5);
        using var issued = request.Create(authority, start, start.AddYears(2), RandomNumberGenerator.GetBytes(16));
        using var withKey = issued.CopyWithPrivateKey(key);
        var record = Store(withKey, user.Id);
        await audit.AddAsync(AuditActions.SigningCertificateIssued, user.Email ?? user.Id,
            $"Chứng thư {record.Thumbprint}, hết hạn {VietnamTime.FormatDateTime(record.NotAfterUtc)}",
            cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Load(record);
    }

    private async Task<X509Certificate2> AuthorityAsync(CancellationToken cancellationToken)
    {
        var existing = await db.SigningCertificates.AsNoTracking()
            .Where(c => c.UserId == null && c.RevokedUtc == null)
            .OrderByDescending(c => c.IssuedUtc)
            .FirstOrDefaultAsync(cancellationToken);
        if (existing is not null)
        {
            return Load(existing);
        }

        var platform = await settings.GetAsync(cancellationToken);
        using var key = RSA.Create(3072);
        var request = new CertificateRequest(
            $"CN=Lgsp CA ký số - {platform.DepartmentName}, O={platform.DepartmentName}, C=VN",
            key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        var start = time.GetUtcNow().AddMinutes(-5);
        using var authority = request.CreateSelfSigned(start, start.AddYears(10));
        var record = Store(authority, userId: null);
        await db.SaveChangesAsync(cancellationToken);
        return Load(record);
    }

    private SigningCertificateRecord Store(X509Certificate2 certificate, string? userId)
    {
        var record = new SigningCertificateRecord
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            Subject = certificate.Subject,
            Thumbprint = certificate.Thumbprint,
            ProtectedPfx = _keys.Protect(Convert.ToBase64String(certificate.Export(X509ContentType.Pfx))),
            NotAfterUtc = certificate.NotAfter.ToUniversalTime(),
            IssuedUtc = time.GetUtcNow().UtcDateTime,
        };
        db.SigningCertificates.Add(record);
        return record;
    }

    private X509Certificate2 Load(SigningCertificateRecord record) =>
        X509CertificateLoader.LoadPkcs12(
            Convert.FromBase64String(_keys.Unprotect(record.ProtectedPfx)),
            password: null,
            X509KeyStorageFlags.Exportable | X509KeyStorageFlags.EphemeralKeySet);
}
