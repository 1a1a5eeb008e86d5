using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Lgsp.Directory;
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
    CertificateTrustPolicy trust,
    TimeProvider time)
{
    private readonly IDataProtector _keys = protection.CreateProtector("Lgsp.SigningKeys.v1");

    /// <summary>
    /// The user's signing identity: their own imported certificate when they have an active one, else the one
    /// this authority issued them (issued now if they have none), with the certificates above it.
    /// </summary>
    public async Task<SigningIdentity> IdentityForAsync(PortalUser user, CancellationToken cancellationToken)
    {
        if (await InUseAsync(user.Id, cancellationToken) is { } existing)
        {
            return await IdentityOfAsync(existing, cancellationToken);
        }

        using var authority = await AuthorityAsync(cancellationToken);
        var platform = await settings.GetAsync(cancellationToken);
        // An agency's people sign for their agency, the Department's staff for the Department.
        var organisation = user.AgencyId is { } agencyId
            ? await db.Agencies.AsNoTracking().Where(a => a.Id == agencyId).Select(a => a.Name)
                .FirstOrDefaultAsync(cancellationToken) ?? platform.DepartmentName
            : platform.DepartmentName;
        using var key = RSA.Create(2048);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(string.IsNullOrWhiteSpace(user.FullName) ? user.Email ?? user.Id : user.FullName);
        subject.AddOrganizationName(organisation);
        subject.AddCountryOrRegion("VN");
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, critical: true));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        var start = time.GetUtcNow().AddMinutes(-5);
        using var issued = request.Create(authority, start, start.AddYears(2), RandomNumberGenerator.GetBytes(16));
        using var withKey = issued.CopyWithPrivateKey(key);
        var record = Store([withKey], user.Id, external: false);
        await audit.AddAsync(AuditActions.SigningCertificateIssued, user.Email ?? user.Id,
            $"Chứng thư {record.Thumbprint}, hết hạn {VietnamTime.FormatDateTime(record.NotAfterUtc)}",
            cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return await IdentityOfAsync(record, cancellationToken);
    }

    /// <summary>
    /// Keeps a user's own certificate from an external authority (a PKCS#12 file and its password): it must hold
    /// a private key, be valid now and allow digital signatures. From then on the user signs with it.
    /// </summary>
    public async Task<SigningCertificateRecord> ImportAsync(
        PortalUser user, byte[] pkcs12, string password, CancellationToken cancellationToken)
    {
        X509Certificate2Collection certificates;
        try
        {
            certificates = X509CertificateLoader.LoadPkcs12Collection(pkcs12, password,
                X509KeyStorageFlags.Exportable | X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException)
        {
            throw new SigningProfileException(
                "Không mở được tệp: tệp không phải PKCS#12 (.p12, .pfx) hoặc sai mật khẩu.");
        }

        try
        {
            var signer = certificates.FirstOrDefault(c => c.HasPrivateKey)
                ?? throw new SigningProfileException("Tệp không chứa khóa bí mật để ký.");
            var now = time.GetUtcNow();
            if (signer.NotBefore > now.UtcDateTime.ToLocalTime() || signer.NotAfter < now.UtcDateTime.ToLocalTime())
            {
                throw new SigningProfileException(
                    $"Chứng thư chỉ có hiệu lực từ {signer.NotBefore:dd/MM/yyyy} đến {signer.NotAfter:dd/MM/yyyy}.");
            }

            if (signer.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault() is { } usage
                && !usage.KeyUsages.HasFlag(X509KeyUsageFlags.DigitalSignature)
                && !usage.KeyUsages.HasFlag(X509KeyUsageFlags.NonRepudiation))
            {
                throw new SigningProfileException("Chứng thư không được phép dùng để ký số.");
            }

            if (signer.GetRSAPrivateKey() is null && signer.GetECDsaPrivateKey() is null)
            {
                throw new SigningProfileException("Chỉ nhận khóa RSA hoặc ECDSA.");
            }

            // A certificate signs in its holder's name: it must be issued to this account's holder.
            var holder = signer.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
            if (string.IsNullOrWhiteSpace(user.FullName))
            {
                throw new SigningProfileException(
                    "Tài khoản chưa có họ tên; quản trị hệ thống cần ghi họ tên trước khi bạn nạp chứng thư riêng.");
            }

            if (!string.Equals(Folded(holder), Folded(user.FullName), StringComparison.Ordinal))
            {
                throw new SigningProfileException(
                    $"Chứng thư cấp cho \"{holder}\", không phải cho chủ tài khoản ({user.FullName}).");
            }

            var key = KeyHash(signer);
            var known = await db.SigningCertificates.AsNoTracking()
                .Where(c => c.Thumbprint == signer.Thumbprint || c.PublicKeySha256 == key)
                .ToListAsync(cancellationToken);
            if (known.Any(c => c.RevokedUtc is not null))
            {
                throw new SigningProfileException(
                    "Chứng thư này, hoặc khóa của nó, đã bị thu hồi trên cổng, không dùng lại được.");
            }

            if (known.Count > 0)
            {
                throw new SigningProfileException(known.Any(c => c.UserId == user.Id)
                    ? "Chứng thư này đã được nạp."
                    : "Chứng thư này đang gắn với một tài khoản khác.");
            }

            var others = certificates.Where(c => !c.HasPrivateKey).ToList();
            if (trust.Evaluate(signer, others, now.UtcDateTime, portalRoots: []) == CertificateTrust.Unverified)
            {
                throw new SigningProfileException(
                    "Chứng thư không do tổ chức chứng thực được tin cậy cấp (tự ký, hoặc thiếu chứng thư gốc). "
                    + "Quản trị hệ thống có thể khai báo chứng thư gốc của tổ chức chứng thực "
                    + "(cấu hình Signing:TrustedRoots).");
            }

            var record = Store([signer, .. others], user.Id, external: true);
            await audit.AddAsync(AuditActions.SigningCertificateImported, user.Email ?? user.Id,
                $"Chứng thư {record.Thumbprint} ({signer.Subject}; cấp bởi {signer.Issuer}), hết hạn "
                + VietnamTime.FormatDateTime(record.NotAfterUtc), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return record;
        }
        finally
        {
            foreach (var certificate in certificates)
            {
                certificate.Dispose();
            }
        }
    }

    /// <summary>
    /// Revokes a signing certificate: its holder, or an administrator, may. Documents signed before stay signed;
    /// the verification page says the certificate was revoked and when. Not found for anyone else.
    /// </summary>
    public async Task RevokeAsync(
        PortalUser actor, bool administrator, Guid certificateId, CancellationToken cancellationToken)
    {
        var record = await db.SigningCertificates.SingleOrDefaultAsync(
            c => c.Id == certificateId && c.UserId != null && (administrator || c.UserId == actor.Id),
            cancellationToken) ?? throw new SigningProfileException("Không tìm thấy chứng thư.");
        if (record.RevokedUtc is not null)
        {
            return;
        }

        // A certificate is revoked wherever it is kept, not only in the row clicked.
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var copy in await db.SigningCertificates
            .Where(c => (c.Thumbprint == record.Thumbprint
                    || (record.PublicKeySha256 != "" && c.PublicKeySha256 == record.PublicKeySha256))
                && c.RevokedUtc == null)
            .ToListAsync(cancellationToken))
        {
            copy.RevokedUtc = now;
        }

        await audit.AddAsync(AuditActions.SigningCertificateRevoked, actor.Email ?? actor.Id,
            $"Chứng thư {record.Thumbprint} ({record.Subject})", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Users' signing certificates, newest first, never with their keys: one user's, or everyone's when
    /// <paramref name="userId"/> is null (for administrators).
    /// </summary>
    public async Task<List<CertificateView>> CertificatesAsync(string? userId, CancellationToken cancellation)
    {
        var certificates = db.SigningCertificates.AsNoTracking().Where(c => c.UserId != null);
        if (userId is not null)
        {
            certificates = certificates.Where(c => c.UserId == userId);
        }

        var rows = await certificates
            .Join(db.Users, c => c.UserId, u => u.Id, (c, u) => new { Certificate = c, u.Email, u.UserName })
            .ToListAsync(cancellation);
        var inUse = new HashSet<Guid>();
        foreach (var holder in rows.Select(r => r.Certificate.UserId!).Distinct())
        {
            if (await InUseAsync(holder, cancellation) is { } used)
            {
                inUse.Add(used.Id);
            }
        }

        return [.. rows.OrderByDescending(r => r.Certificate.IssuedUtc).Select(r => new CertificateView(
            r.Certificate.Id, r.Email ?? r.UserName ?? "", r.Certificate.Subject, r.Certificate.Thumbprint,
            r.Certificate.IssuedUtc, r.Certificate.NotAfterUtc, r.Certificate.RevokedUtc, r.Certificate.External,
            inUse.Contains(r.Certificate.Id)))];
    }

    /// <summary>The public certificates of this portal's own authority (every one it has had), for verifiers.</summary>
    public async Task<IReadOnlyList<X509Certificate2>> AuthorityCertificatesAsync(CancellationToken cancellation)
    {
        var roots = await db.SigningCertificates.AsNoTracking()
            .Where(c => c.UserId == null)
            .ToListAsync(cancellation);
        return [.. roots.SelectMany(Load).Select(c => X509CertificateLoader.LoadCertificate(c.RawData))];
    }

    /// <summary>A name compared without case, marks or repeated spaces.</summary>
    private static string Folded(string name) =>
        string.Join(' ', VietnameseText.Fold(name).Split(' ', StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The certificate the user signs with now, if they have one: their own first, then the newest.</summary>
    private async Task<SigningCertificateRecord?> InUseAsync(string userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var revoked = db.SigningCertificates.Where(r => r.RevokedUtc != null);
        return await db.SigningCertificates.AsNoTracking()
            .Where(c => c.UserId == userId && c.RevokedUtc == null && c.NotAfterUtc > now
                && !revoked.Any(r => r.Thumbprint == c.Thumbprint
                    || (r.PublicKeySha256 != "" && r.PublicKeySha256 == c.PublicKeySha256)))
            .OrderByDescending(c => c.External)
            .ThenByDescending(c => c.IssuedUtc)
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>When this certificate, or any certificate of its key, was revoked here, if it was.</summary>
    public async Task<DateTime?> RevokedAtAsync(X509Certificate2 certificate, CancellationToken cancellationToken)
    {
        var key = KeyHash(certificate);
        return await db.SigningCertificates.AsNoTracking()
            .Where(c => (c.Thumbprint == certificate.Thumbprint || c.PublicKeySha256 == key) && c.RevokedUtc != null)
            .OrderBy(c => c.RevokedUtc)
            .Select(c => c.RevokedUtc)
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The SHA-256 of a certificate's SubjectPublicKeyInfo, hex.</summary>
    public static string KeyHash(X509Certificate2 certificate) =>
        Convert.ToHexStringLower(SHA256.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo()));

    private async Task<SigningIdentity> IdentityOfAsync(
        SigningCertificateRecord record, CancellationToken cancellationToken)
    {
        var certificates = Load(record);
        var signer = certificates.First(c => c.HasPrivateKey);
        List<X509Certificate2> chain = [.. certificates.Where(c => !c.HasPrivateKey)];
        if (!record.External)
        {
            var authority = await AuthorityAsync(cancellationToken);
            chain.Add(X509CertificateLoader.LoadCertificate(authority.RawData));
            authority.Dispose();
        }

        return new SigningIdentity(signer, chain);
    }

    private async Task<X509Certificate2> AuthorityAsync(CancellationToken cancellationToken)
    {
        var existing = await db.SigningCertificates.AsNoTracking()
            .Where(c => c.UserId == null && c.RevokedUtc == null)
            .OrderByDescending(c => c.IssuedUtc)
            .FirstOrDefaultAsync(cancellationToken);
        if (existing is not null)
        {
            return Load(existing)[0];
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
        var record = Store([authority], userId: null, external: false);
        await db.SaveChangesAsync(cancellationToken);
        return Load(record)[0];
    }

    /// <summary>Keeps the signer (first) and any certificates above it as one encrypted PKCS#12 blob.</summary>
    private SigningCertificateRecord Store(IReadOnlyList<X509Certificate2> certificates, string? userId, bool external)
    {
        var signer = certificates[0];
        var record = new SigningCertificateRecord
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            Subject = signer.Subject,
            Thumbprint = signer.Thumbprint,
            PublicKeySha256 = KeyHash(signer),
            ProtectedPfx = _keys.Protect(Convert.ToBase64String(
                new X509Certificate2Collection(certificates.ToArray()).Export(X509ContentType.Pfx)!)),
            NotAfterUtc = signer.NotAfter.ToUniversalTime(),
            IssuedUtc = time.GetUtcNow().UtcDateTime,
            External = external,
        };
        db.SigningCertificates.Add(record);
        return record;
    }

    /// <summary>The stored certificates, the one with the private key first.</summary>
    private List<X509Certificate2> Load(SigningCertificateRecord record) =>
    [
        .. X509CertificateLoader.LoadPkcs12Collection(
                Convert.FromBase64String(_keys.Unprotect(record.ProtectedPfx)),
                password: null,
                X509KeyStorageFlags.Exportable | X509KeyStorageFlags.EphemeralKeySet)
            .OrderByDescending(c => c.HasPrivateKey),
    ];
}

/// <summary>A signing certificate as pages list it.</summary>
public sealed record CertificateView(
    Guid Id,
    string Holder,
    string Subject,
    string Thumbprint,
    DateTime IssuedUtc,
    DateTime NotAfterUtc,
    DateTime? RevokedUtc,
    bool External,
    bool InUse);

/// <summary>A signer's certificate with its private key, and the certificates above it for verifiers.</summary>
public sealed record SigningIdentity(X509Certificate2 Certificate, IReadOnlyList<X509Certificate2> Chain) : IDisposable
{
    public void Dispose()
    {
        Certificate.Dispose();
        foreach (var certificate in Chain)
        {
            certificate.Dispose();
        }
    }
}

/// <summary>A refusal about signing certificates or images; the message is Vietnamese, for the person.</summary>
public sealed class SigningProfileException(string message) : Exception(message);
