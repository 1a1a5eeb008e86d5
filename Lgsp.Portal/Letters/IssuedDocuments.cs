using System.Security.Cryptography;
using Lgsp.Forms.Content;
using Lgsp.Forms.Letters;
using Lgsp.Portal.Audit;
using Lgsp.Portal.Data;
using Lgsp.Portal.Settings;
using Microsoft.EntityFrameworkCore;
using QRCoder;

namespace Lgsp.Portal.Letters;

/// <summary>
/// Issued documents as signed: rendered once, signed by the person who issues them with the portal's certificate,
/// kept byte for byte with their SHA-256 (the register a verifier checks against), and served as they were.
/// </summary>
public sealed class IssuedDocuments(
    PortalDbContext db,
    SigningAuthority authority,
    SettingsService settings,
    AuditLog audit,
    TimeProvider time)
{
    /// <summary>What a letter takes from the settings, with the document's own number and date.</summary>
    public static LetterContext ContextFor(PlatformSettings platform, string? number, DateOnly date, bool draft) => new(
        platform.ProvinceName,
        platform.PeopleCommitteeName,
        platform.DepartmentName,
        platform.ItCentreName,
        platform.RegulationDecisionNumber,
        platform.RegulationDecisionDate,
        number,
        date,
        draft);

    /// <summary>
    /// Renders and signs a document in the caller's unit of work (the issuing transaction): a failure to sign
    /// leaves the issue undone.
    /// </summary>
    public async Task StageAsync(
        ServiceRequest request,
        FormContent content,
        string document,
        string number,
        DateOnly date,
        PortalUser signer,
        string title,
        CancellationToken cancellationToken)
    {
        var platform = await settings.GetAsync(cancellationToken);
        using var certificate = await authority.CertificateForAsync(signer, cancellationToken);
        var code = NewCode();
        var address = $"{(platform.PublicAddress.Length > 0 ? platform.PublicAddress : "http://localhost:5080")}"
            + $"/verify?code={code}";
        using var qr = new QRCodeGenerator().CreateQrCode(address, QRCodeGenerator.ECCLevel.M);
        var mark = new VerificationMark(code, address,
            [.. qr.ModuleMatrix.Select(row => Enumerable.Range(0, row.Length).Select(i => row[i]).ToArray())]);
        var letter = LetterComposer.Compose(content, ContextFor(platform, number, date, draft: false) with
        {
            Mark = mark,
        });
        var name = string.IsNullOrWhiteSpace(signer.FullName) ? signer.Email ?? "" : signer.FullName;
        var pdf = await LetterRenderer.RenderSignedAsync(letter,
            new LetterSignature(certificate, name, title, time.GetUtcNow()), cancellationToken: cancellationToken);
        var record = new IssuedDocumentRecord
        {
            Id = Guid.NewGuid(),
            RequestId = request.Id,
            Document = document,
            Number = number,
            Pdf = pdf,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(pdf)),
            SignedBy = signer.Email ?? signer.Id,
            VerificationCode = code,
            CreatedUtc = time.GetUtcNow().UtcDateTime,
        };
        db.IssuedDocuments.Add(record);
        await audit.AddAsync(AuditActions.DocumentSigned, number,
            $"Hồ sơ {request.Id}; SHA-256 {record.Sha256}; chứng thư {certificate.Thumbprint}", cancellationToken);
    }

    /// <summary>A registered document by its printed verification code.</summary>
    public Task<IssuedDocumentRecord?> FindByCodeAsync(string code, CancellationToken cancellationToken) =>
        db.IssuedDocuments.AsNoTracking()
            .FirstOrDefaultAsync(d => d.VerificationCode == code.Trim().ToUpperInvariant(), cancellationToken);

    /// <summary>Eight characters in two groups, from an alphabet without look-alikes (no 0/O, 1/I).</summary>
    private static string NewCode()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var chars = RandomNumberGenerator.GetItems<char>(alphabet, 8);
        return $"{new string(chars, 0, 4)}-{new string(chars, 4, 4)}";
    }

    /// <summary>The signed document of a request, if it was issued.</summary>
    public Task<IssuedDocumentRecord?> FindAsync(
        Guid requestId, string document, CancellationToken cancellationToken) =>
        db.IssuedDocuments.AsNoTracking()
            .Where(d => d.RequestId == requestId && d.Document == document)
            .OrderByDescending(d => d.CreatedUtc)
            .FirstOrDefaultAsync(cancellationToken);
}
