using System.Security.Cryptography;
using Lgsp.Broker.Applications;
using Lgsp.Directory;
using Lgsp.Portal.Audit;
using Lgsp.Portal.Data;
using Lgsp.Signing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Lgsp.Portal.Applications;

/// <summary>An issued key: the secret is returned once, here, and never again.</summary>
public sealed record IssuedKey(string AccessKeyId, string? SecretKey, string AgencyId, string Algorithm);

/// <summary>Thrown when a key cannot be issued or revoked; the message is for the user, in Vietnamese.</summary>
public sealed class ApplicationRuleException(string message) : PortalRuleException(message);

/// <summary>
/// Registers applications and issues their keys (Điều 6.1), for the Mẫu 01 workflow and the operator command
/// line, and serves them to the broker. HMAC secrets are stored protected by Data Protection and shown once;
/// a revocation takes effect at the broker's next lookup, which reads the database.
/// </summary>
public sealed class ApplicationKeys(
    PortalDbContext db,
    AuditLog audit,
    ICurrentActor actor,
    IDataProtectionProvider protection,
    ApplicationKeyCache cache,
    TimeProvider time) : IApplicationRegistry
{
    private const string AccessKeyAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private readonly IDataProtector _secrets = protection.CreateProtector("Lgsp.ApplicationSecrets.v1");

    /// <summary>The algorithm names the operator command line accepts, with the key kind each issues.</summary>
    public static IReadOnlyDictionary<string, SignatureKind> Algorithms { get; } = new Dictionary<string, SignatureKind>
    {
        ["hmac-sha256"] = SignatureKind.HmacSha256,
        ["hmac-sha1"] = SignatureKind.HmacSha1,
        ["rsa-sha256"] = SignatureKind.RsaSha256,
    };

    /// <summary>Registers an application of an active agency and issues its key (operator and administrator).</summary>
    public async Task<IssuedKey> IssueAsync(
        string agencyId,
        string name,
        string algorithm,
        string? publicKeyPem,
        CancellationToken cancellationToken)
    {
        await actor.RequireRoleAsync(Identity.Roles.Administrator, cancellationToken);
        var issued = await StageIssueAsync(agencyId, name, algorithm, publicKeyPem, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return issued;
    }

    /// <summary>
    /// Registers an application and issues its key in the caller's unit of work, without saving: the Mẫu 01
    /// workflow commits it with the reply that grants it, after checking the Director's role itself.
    /// </summary>
    internal async Task<IssuedKey> StageIssueAsync(
        string agencyId,
        string name,
        string algorithm,
        string? publicKeyPem,
        CancellationToken cancellationToken)
    {
        var kind = Algorithms.TryGetValue(algorithm.Trim().ToLowerInvariant(), out var k) ? k
            : throw new ApplicationRuleException(
                $"Thuật toán \"{algorithm}\" không hỗ trợ ({string.Join(", ", Algorithms.Keys)}).");
        var agency = await ActiveAgencyAsync(agencyId, cancellationToken);
        var appName = VietnameseText.Normalize(name);
        if (appName.Length == 0)
        {
            throw new ApplicationRuleException("Nhập tên ứng dụng.");
        }

        var record = new ApplicationRecord
        {
            AccessKeyId = NewAccessKeyId(),
            AgencyId = agency,
            Name = appName,
            Kind = kind,
            IssuedUtc = time.GetUtcNow().UtcDateTime,
        };
        string? secret = null;
        if (kind == SignatureKind.RsaSha256)
        {
            record.PublicKeyPem = CheckedPublicKey(publicKeyPem);
        }
        else if (publicKeyPem is not null)
        {
            throw new ApplicationRuleException("Khóa công khai chỉ dùng với thuật toán rsa-sha256.");
        }
        else
        {
            secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(30)).Replace('+', '-').Replace('/', '_');
            record.ProtectedSecret = _secrets.Protect(secret);
        }

        db.Applications.Add(record);
        await audit.AddAsync(AuditActions.ApplicationKeyIssued, record.AccessKeyId,
            $"Cơ quan {agency}; ứng dụng: {appName}; thuật toán: {algorithm}", cancellationToken);
        return new IssuedKey(record.AccessKeyId, secret, agency, algorithm.ToLowerInvariant());
    }

    /// <summary>Revokes a key; the broker refuses it from its next request on.</summary>
    public async Task RevokeAsync(string accessKeyId, CancellationToken cancellationToken)
    {
        await actor.RequireRoleAsync(Identity.Roles.Administrator, cancellationToken);
        if (await StageRevokeAsync(accessKeyId, cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
            Forget(accessKeyId);
        }
    }

    /// <summary>
    /// Revokes a key in the caller's unit of work; false when it was already revoked. The caller calls
    /// <see cref="Forget"/> once it has committed.
    /// </summary>
    internal async Task<bool> StageRevokeAsync(string accessKeyId, CancellationToken cancellationToken)
    {
        var record = await db.Applications.SingleOrDefaultAsync(a => a.AccessKeyId == accessKeyId, cancellationToken)
            ?? throw new ApplicationRuleException($"Không có khóa truy cập {accessKeyId}.");
        if (record.RevokedUtc is not null)
        {
            return false;
        }

        record.RevokedUtc = time.GetUtcNow().UtcDateTime;
        await audit.AddAsync(
            AuditActions.ApplicationKeyRevoked,
            accessKeyId,
            $"Cơ quan {record.AgencyId}",
            cancellationToken);
        return true;
    }

    /// <summary>Drops a key from the broker's cache so that a committed revocation holds at once.</summary>
    internal void Forget(string accessKeyId) => cache.Forget(accessKeyId);

    /// <inheritdoc />
    public async Task<RegisteredApplication?> FindActiveAsync(string accessKeyId, CancellationToken cancellationToken)
    {
        var record = await db.Applications.AsNoTracking()
            .SingleOrDefaultAsync(a => a.AccessKeyId == accessKeyId && a.RevokedUtc == null, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var secret = record.ProtectedSecret is null ? null : _secrets.Unprotect(record.ProtectedSecret);
        return new RegisteredApplication(
            record.AccessKeyId,
            record.AgencyId,
            record.Name,
            record.Kind,
            secret,
            record.PublicKeyPem);
    }

    private async Task<string> ActiveAgencyAsync(string agencyId, CancellationToken cancellationToken)
    {
        if (!AgencyIdentifier.TryParse(agencyId, out var id, out var error))
        {
            throw new ApplicationRuleException($"Mã định danh không hợp lệ: {error}");
        }

        var agency = await db.Agencies.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id.Value, cancellationToken)
            ?? throw new ApplicationRuleException($"Không có cơ quan {id} trong danh bạ.");
        return agency.Status == AgencyStatus.Active
            ? agency.Id
            : throw new ApplicationRuleException($"Cơ quan {id} {agency.Status.ToLabel().ToLowerInvariant()}.");
    }

    private static string CheckedPublicKey(string? pem)
    {
        if (string.IsNullOrWhiteSpace(pem))
        {
            throw new ApplicationRuleException("Thuật toán rsa-sha256 cần khóa công khai RSA (PEM).");
        }

        try
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            if (rsa.KeySize < 2048)
            {
                throw new ApplicationRuleException("Khóa RSA phải dài ít nhất 2048 bit.");
            }

            return rsa.ExportSubjectPublicKeyInfoPem();
        }
        catch (ArgumentException)
        {
            throw new ApplicationRuleException("Tệp không chứa khóa công khai RSA dạng PEM.");
        }
        catch (CryptographicException)
        {
            throw new ApplicationRuleException("Tệp không chứa khóa công khai RSA dạng PEM.");
        }
    }

    private static string NewAccessKeyId() =>
        "LGSP" + new string(RandomNumberGenerator.GetItems(AccessKeyAlphabet.AsSpan(), 16));
}
