using System.Security.Cryptography;
using System.Text.Json;
using Lgsp.Forms.Content;
using Lgsp.Forms.Letters;
using Lgsp.Portal.Audit;
using Lgsp.Portal.Data;
using Lgsp.Portal.Settings;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QRCoder;

namespace Lgsp.Portal.Letters;

/// <summary>Who signs a document: the title and reason shown, and the agency whose seal goes under.</summary>
public sealed record DocumentSigner(PortalUser User, string Title, string Reason, string? SealOf = null);

/// <summary>Signing settings: the RFC 3161 time-stamp server, when the province has one.</summary>
public sealed class SigningOptions
{
    /// <summary>The time-stamp server's address; empty for none.</summary>
    public string TimeStampServer { get; set; } = "";

    /// <summary>
    /// Root certificates (PEM or DER files, ';'-separated) of the certification authorities whose certificates
    /// users may bring, besides the machine's trusted roots.
    /// </summary>
    public string TrustedRoots { get; set; } = "";
}

/// <summary>
/// Issued documents as signed: rendered once, signed by the person who issues them with the portal's certificate,
/// kept byte for byte with their SHA-256 (the register a verifier checks against), and served as they were.
/// </summary>
public sealed class IssuedDocuments(
    PortalDbContext db,
    SigningAuthority authority,
    SignatureImages images,
    SettingsService settings,
    AuditLog audit,
    IOptions<SigningOptions> options,
    IServer server,
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
    /// Renders a document with its verification code and QR, signs its first signature block (for minutes: party
    /// A's) as <paramref name="signer"/>, and registers it, in the caller's unit of work (the issuing transaction):
    /// a failure to sign leaves the issue undone.
    /// </summary>
    public async Task StageAsync(
        ServiceRequest request,
        FormContent content,
        string document,
        string? number,
        DateOnly date,
        DocumentSigner signer,
        CancellationToken cancellationToken)
    {
        var platform = await settings.GetAsync(cancellationToken);
        var code = NewCode();
        var address = $"{PublicAddress(platform)}/verify?code={code}";
        using var qr = new QRCodeGenerator().CreateQrCode(address, QRCodeGenerator.ECCLevel.M);
        var mark = new VerificationMark(code, address,
            [.. qr.ModuleMatrix.Select(row => Enumerable.Range(0, row.Length).Select(i => row[i]).ToArray())]);
        var letter = LetterComposer.Compose(content, ContextFor(platform, number, date, draft: false) with
        {
            Mark = mark,
        });
        var rendered = LetterRenderer.RenderForSigning(letter);
        var (pdf, thumbprint) = await SignAsync(rendered.Pdf, rendered.Places[0], signer, cancellationToken);
        await RegisterAsync(new IssuedDocumentRecord
        {
            RequestId = request.Id,
            Document = document,
            Number = number ?? (content as AgencyRequestForm)?.LetterNumber ?? "",
            Pdf = pdf,
            SignedBy = signer.User.Email ?? signer.User.Id,
            VerificationCode = code,
            SignaturePlacesJson = JsonSerializer.Serialize(rendered.Places),
        }, thumbprint, cancellationToken);
    }

    /// <summary>
    /// Adds the next signature (for minutes: party B's) to the latest version of a registered document, as an
    /// incremental update that leaves the earlier signatures valid; the new version is registered beside the old.
    /// </summary>
    public async Task CountersignAsync(
        ServiceRequest request, string document, DocumentSigner signer, CancellationToken cancellationToken)
    {
        var latest = await FindAsync(request.Id, document, cancellationToken)
            ?? throw new InvalidOperationException($"No {document} was issued for request {request.Id}.");
        var places = JsonSerializer.Deserialize<List<SignaturePlace>>(latest.SignaturePlacesJson) ?? [];
        if (latest.Signatures >= places.Count)
        {
            throw new InvalidOperationException($"Every block of the {document} is signed already.");
        }

        var (pdf, thumbprint) = await SignAsync(latest.Pdf, places[latest.Signatures], signer, cancellationToken);
        await RegisterAsync(new IssuedDocumentRecord
        {
            RequestId = request.Id,
            Document = document,
            Number = latest.Number,
            Pdf = pdf,
            SignedBy = signer.User.Email ?? signer.User.Id,
            VerificationCode = latest.VerificationCode,
            SignaturePlacesJson = latest.SignaturePlacesJson,
            Signatures = latest.Signatures + 1,
        }, thumbprint, cancellationToken);
    }

    private async Task<(byte[] Pdf, string Thumbprint)> SignAsync(
        byte[] pdf, SignaturePlace place, DocumentSigner signer, CancellationToken cancellationToken)
    {
        using var identity = await authority.IdentityForAsync(signer.User, cancellationToken);
        var name = string.IsNullOrWhiteSpace(signer.User.FullName) ? signer.User.Email ?? "" : signer.User.FullName;
        var signature = new LetterSignature(identity.Certificate, name, signer.Title, time.GetUtcNow())
        {
            Chain = identity.Chain,
            Reason = signer.Reason,
            SignatureImage = await images.GetAsync(SignatureImages.OfUser(signer.User.Id), cancellationToken),
            SealImage = signer.SealOf is { } agency
                ? await images.GetAsync(SignatureImages.OfAgency(agency), cancellationToken)
                : null,
        };
        var server = options.Value.TimeStampServer is { Length: > 0 } configured ? new Uri(configured) : null;
        return (await LetterSigning.SignAsync(pdf, place, signature, server, cancellationToken),
            identity.Certificate.Thumbprint);
    }

    private async Task RegisterAsync(
        IssuedDocumentRecord record, string thumbprint, CancellationToken cancellationToken)
    {
        record.Id = Guid.NewGuid();
        record.Sha256 = Convert.ToHexStringLower(SHA256.HashData(record.Pdf));
        record.CreatedUtc = time.GetUtcNow().UtcDateTime;
        db.IssuedDocuments.Add(record);
        await audit.AddAsync(AuditActions.DocumentSigned, record.Number.Length > 0 ? record.Number : record.Document,
            $"Hồ sơ {record.RequestId}; {record.Document}; SHA-256 {record.Sha256}; chứng thư {thumbprint}",
            cancellationToken);
    }

    /// <summary>
    /// Where readers reach the portal: the configured public address, else the address the server listens on
    /// (what <c>--urls</c> gave), so that a QR code never leads to a port nobody opened.
    /// </summary>
    public string PublicAddress(PlatformSettings platform)
    {
        if (platform.PublicAddress.Length > 0)
        {
            return platform.PublicAddress;
        }

        var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses
            .Select(a => a.Replace("://+", "://localhost", StringComparison.Ordinal)
                .Replace("://*", "://localhost", StringComparison.Ordinal)
                .Replace("://[::]", "://localhost", StringComparison.Ordinal)
                .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal))
            .OrderByDescending(a => a.StartsWith("https", StringComparison.Ordinal))
            .FirstOrDefault();
        return (listening ?? "http://localhost:5080").TrimEnd('/');
    }

    /// <summary>A registered document by its printed verification code.</summary>
    public Task<IssuedDocumentRecord?> FindByCodeAsync(string code, CancellationToken cancellationToken)
    {
        // Typed from paper: any case, with or without the dash, stray spaces.
        var letters = new string([.. code.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant)]);
        var normal = letters.Length == 8 ? $"{letters[..4]}-{letters[4..]}" : letters;
        return db.IssuedDocuments.AsNoTracking()
            .Where(d => d.VerificationCode == normal)
            .OrderByDescending(d => d.CreatedUtc)
            .ThenByDescending(d => d.Signatures)
            .FirstOrDefaultAsync(cancellationToken);
    }

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
            .ThenByDescending(d => d.Signatures)
            .FirstOrDefaultAsync(cancellationToken);
}
