using Lgsp.Portal.Data;
using Microsoft.EntityFrameworkCore;

namespace Lgsp.Portal.Audit;

/// <summary>A filter for reading the audit log; empty members match everything.</summary>
public sealed record AuditQuery(
    string? Actor = null,
    string? Action = null,
    string? Target = null,
    DateOnly? From = null,
    DateOnly? To = null,
    int Page = 0,
    int PageSize = 50);

/// <summary>A page of audit entries, newest first, with the number of entries the filter matches.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, int Total);

/// <summary>
/// Appends to the audit log. <see cref="AddAsync"/> stages an entry in the caller's unit of work so the change
/// and its record are saved together or not at all; <see cref="RecordAsync"/> saves one at once.
/// </summary>
public sealed class AuditLog(PortalDbContext db, ICurrentActor actor, TimeProvider time)
{
    /// <summary>Stages an entry; the caller's <c>SaveChangesAsync</c> writes it with the change it records.</summary>
    public async Task AddAsync(
        string action,
        string target,
        string details,
        CancellationToken cancellationToken,
        string? actorName = null)
    {
        var who = await actor.GetAsync(cancellationToken);
        db.AuditEntries.Add(new AuditEntry
        {
            OccurredUtc = time.GetUtcNow().UtcDateTime,
            Actor = actorName ?? who.Name,
            Action = action,
            Target = target,
            Details = details,
            IpAddress = who.IpAddress,
        });
    }

    /// <summary>Records an event that changes nothing else, such as a sign-in.</summary>
    public async Task RecordAsync(
        string action,
        string target,
        string details,
        CancellationToken cancellationToken,
        string? actorName = null)
    {
        await AddAsync(action, target, details, cancellationToken, actorName);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Reads one page of entries matching <paramref name="query"/>, newest first.</summary>
    public async Task<AuditPage> ReadAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        var entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Actor))
        {
            entries = entries.Where(e => EF.Functions.Like(e.Actor, $"%{query.Actor.Trim()}%"));
        }

        if (!string.IsNullOrWhiteSpace(query.Action))
        {
            entries = entries.Where(e => e.Action == query.Action);
        }

        if (!string.IsNullOrWhiteSpace(query.Target))
        {
            entries = entries.Where(e => EF.Functions.Like(e.Target, $"%{query.Target.Trim()}%"));
        }

        if (query.From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).Add(-VietnamTime.Offset);
            entries = entries.Where(e => e.OccurredUtc >= start);
        }

        if (query.To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).Add(-VietnamTime.Offset);
            entries = entries.Where(e => e.OccurredUtc < end);
        }

        var total = await entries.CountAsync(cancellationToken);
        var page = await entries
            .OrderByDescending(e => e.Id)
            .Skip(query.Page * query.PageSize)
            .Take(query.PageSize)
            .ToListAsync(cancellationToken);
        return new AuditPage(page, total);
    }
}
