using System.Text;
using Lgsp.Directory;
using Lgsp.Portal.Audit;
using Lgsp.Portal.Data;
using Lgsp.Portal.Identity;
using Microsoft.EntityFrameworkCore;

namespace Lgsp.Portal.Agencies;

/// <summary>What an import did: the counts, or the reasons nothing was imported.</summary>
public sealed record ImportResult(int Created, int Updated, IReadOnlyList<CsvError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>A rename, merger, split or dissolution of <paramref name="AgencyId"/>, effective from a date.</summary>
/// <param name="NewAgency">For a rename, the entry under the new identifier, created with the change.</param>
public sealed record Succession(
    string AgencyId,
    AgencyStatus Status,
    IReadOnlyList<string> SuccessorIds,
    DateOnly EffectiveDate,
    Agency? NewAgency = null);

/// <summary>Thrown when a directory change breaks a rule; the message is for the user, in Vietnamese.</summary>
public sealed class DirectoryRuleException(string message) : PortalRuleException(message);

/// <summary>
/// The agency directory in the portal's database: search, edits, CSV import and export, and the history of
/// renames and mergers. Every change is audited in the same transaction as the change itself.
/// </summary>
public sealed class AgencyDirectoryService(
    PortalDbContext db,
    AuditLog audit,
    ICurrentActor actor,
    TimeProvider time,
    AgencyEntryCache cache)
{
    /// <summary>The largest import file accepted, in bytes.</summary>
    public const int MaxImportBytes = 20 * 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 =
        new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Agencies matching <paramref name="query"/>, best first; the whole directory by identifier when empty.
    /// </summary>
    public async Task<IReadOnlyList<Agency>> SearchAsync(string? query, int limit, CancellationToken cancellationToken)
    {
        var terms = AgencySearch.Terms(query ?? "");
        if (terms.Count == 0)
        {
            var all = await db.Agencies.AsNoTracking().OrderBy(a => a.Id).Take(limit).ToListAsync(cancellationToken);
            return all.Select(a => a.ToAgency()).ToList();
        }

        // The database narrows by every folded term; ranking needs the whole entry and happens here.
        var candidates = db.Agencies.AsNoTracking();
        foreach (var term in terms)
        {
            candidates = candidates.Where(a => a.SearchKey.Contains(term));
        }

        var found = await candidates.ToListAsync(cancellationToken);
        return AgencySearch.Search(found.Select(a => a.ToAgency()), query!, limit);
    }

    /// <summary>The number of entries in the directory.</summary>
    public Task<int> CountAsync(CancellationToken cancellationToken) => db.Agencies.CountAsync(cancellationToken);

    /// <summary>One agency, or null when the identifier is not in the directory.</summary>
    public async Task<Agency?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!AgencyIdentifier.TryParse(id, out var identifier, out _))
        {
            return null;
        }

        var record = await db.Agencies.AsNoTracking()
            .SingleOrDefaultAsync(a => a.Id == identifier.Value, cancellationToken);
        return record?.ToAgency();
    }

    /// <summary>Creates or updates one entry after checking its successors exist.</summary>
    public async Task SaveAsync(Agency agency, CancellationToken cancellationToken)
    {
        await actor.RequireRoleAsync(Roles.Administrator, cancellationToken);
        var normalized = Normalized(agency);
        if (AgencyCsv.CheckNames(normalized.Name, normalized.ShortName) is { } nameError)
        {
            throw new DirectoryRuleException(nameError);
        }

        await CheckSuccessorsAsync(normalized, cancellationToken);
        var record = await db.Agencies.SingleOrDefaultAsync(a => a.Id == normalized.Id.Value, cancellationToken);
        var created = record is null;
        record ??= new AgencyRecord();
        record.CopyFrom(normalized, time.GetUtcNow().UtcDateTime);
        if (created)
        {
            db.Agencies.Add(record);
        }

        var verb = created ? "Thêm" : "Sửa";
        await audit.AddAsync(
            AuditActions.AgencySaved,
            normalized.Id.Value,
            $"{verb}: {normalized.Name}",
            cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        cache.Clear();
    }

    /// <summary>
    /// Records that an agency was renamed, merged, split or dissolved. The old entry stays, retired, and points
    /// to its successors; a rename can create the successor entry in the same step.
    /// </summary>
    public async Task RecordSuccessionAsync(Succession succession, CancellationToken cancellationToken)
    {
        await actor.RequireRoleAsync(Roles.Administrator, cancellationToken);
        var record = await db.Agencies.SingleOrDefaultAsync(a => a.Id == succession.AgencyId, cancellationToken)
            ?? throw new DirectoryRuleException($"Không có cơ quan {succession.AgencyId} trong danh bạ.");
        if (succession.Status == AgencyStatus.Active)
        {
            throw new DirectoryRuleException("Chọn hình thức: đổi tên, sáp nhập, chia tách hoặc giải thể.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (succession.NewAgency is { } newAgency)
        {
            var successor = Normalized(newAgency) with { EffectiveFrom = succession.EffectiveDate };
            if (AgencyCsv.CheckNames(successor.Name, successor.ShortName) is { } nameError)
            {
                throw new DirectoryRuleException(nameError);
            }

            if (await db.Agencies.AnyAsync(a => a.Id == successor.Id.Value, cancellationToken))
            {
                throw new DirectoryRuleException($"Mã {successor.Id} đã có trong danh bạ.");
            }

            var successorRecord = new AgencyRecord();
            successorRecord.CopyFrom(successor, now);
            db.Agencies.Add(successorRecord);
        }

        var retired = record.ToAgency() with
        {
            Status = succession.Status,
            SuccessorIds = succession.SuccessorIds.Select(VietnameseText.Normalize).Distinct().ToList(),
            EffectiveTo = succession.EffectiveDate.AddDays(-1),
        };
        await CheckSuccessorsAsync(retired, cancellationToken, succession.NewAgency?.Id.Value);
        record.CopyFrom(retired, now);

        var details = $"{retired.Status.ToLabel()} từ {VietnamTime.FormatDate(succession.EffectiveDate)}; "
            + $"kế thừa: {string.Join(", ", retired.SuccessorIds)}";
        await audit.AddAsync(AuditActions.AgencySucceeded, record.Id, details, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        cache.Clear();
    }

    /// <summary>Imports a CSV file as a whole: any error imports nothing and is reported by line.</summary>
    public async Task<ImportResult> ImportAsync(Stream csv, string fileName, CancellationToken cancellationToken)
    {
        await actor.RequireRoleAsync(Roles.Administrator, cancellationToken);
        return await ImportCoreAsync(csv, fileName, cancellationToken);
    }

    /// <summary>The import itself, for administrators and for loading the sample directory at first start.</summary>
    internal async Task<ImportResult> ImportCoreAsync(Stream csv, string fileName, CancellationToken cancellationToken)
    {
        // Uploads from a browser can only be read asynchronously; a directory file is small enough to hold.
        var bytes = new MemoryStream();
        await csv.CopyToAsync(bytes, cancellationToken);
        if (bytes.Length > MaxImportBytes)
        {
            return new ImportResult(0, 0, [new CsvError(0, $"Tệp lớn hơn {MaxImportBytes / 1024 / 1024} MB.")]);
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(bytes.GetBuffer(), 0, (int)bytes.Length).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return new ImportResult(
                0,
                0,
                [new CsvError(0, "Tệp không phải văn bản UTF-8; hãy lưu lại dưới dạng CSV UTF-8.")]);
        }

        var existing = await db.Agencies.AsNoTracking().ToListAsync(cancellationToken);
        var parsed = AgencyCsv.Read(new StringReader(text), existing.Select(r => r.ToAgency()).ToList());
        if (!parsed.IsValid)
        {
            return new ImportResult(0, 0, parsed.Errors);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var records = await db.Agencies.ToDictionaryAsync(a => a.Id, cancellationToken);
        var created = 0;
        foreach (var agency in parsed.Agencies)
        {
            if (records.TryGetValue(agency.Id.Value, out var record))
            {
                record.CopyFrom(agency, now);
                continue;
            }

            record = new AgencyRecord();
            record.CopyFrom(agency, now);
            db.Agencies.Add(record);
            created++;
        }

        var updated = parsed.Agencies.Count - created;
        var details = $"{fileName}: {created} mới, {updated} cập nhật";
        await audit.AddAsync(AuditActions.AgenciesImported, "directory", details, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        cache.Clear();
        return new ImportResult(created, updated, []);
    }

    /// <summary>Writes the whole directory in the import format.</summary>
    public async Task ExportAsync(TextWriter writer, CancellationToken cancellationToken)
    {
        var all = await db.Agencies.AsNoTracking().OrderBy(a => a.Id).ToListAsync(cancellationToken);
        AgencyCsv.Write(writer, all.Select(a => a.ToAgency()));
    }

    private async Task CheckSuccessorsAsync(
        Agency agency,
        CancellationToken cancellationToken,
        string? alsoKnown = null)
    {
        if (agency.Status.RequiresSuccessor() && agency.SuccessorIds.Count == 0)
        {
            throw new DirectoryRuleException("Cần ít nhất một cơ quan kế thừa.");
        }

        foreach (var id in agency.SuccessorIds)
        {
            if (id == agency.Id.Value)
            {
                throw new DirectoryRuleException("Cơ quan không thể kế thừa chính nó.");
            }

            if (id == alsoKnown)
            {
                continue;
            }

            var successor = await db.Agencies.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken)
                ?? throw new DirectoryRuleException($"Cơ quan kế thừa {id} không có trong danh bạ.");
            if (successor.Status != AgencyStatus.Active)
            {
                throw new DirectoryRuleException(
                    $"Cơ quan kế thừa {id} {successor.Status.ToLabel().ToLowerInvariant()}; "
                        + "hãy chọn cơ quan đang hoạt động.");
            }
        }
    }

    private static Agency Normalized(Agency agency) => agency with
    {
        Name = VietnameseText.Normalize(agency.Name),
        ShortName = VietnameseText.Normalize(agency.ShortName),
    };
}
