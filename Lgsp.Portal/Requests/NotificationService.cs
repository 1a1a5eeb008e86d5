using Lgsp.Portal.Data;
using Microsoft.EntityFrameworkCore;

namespace Lgsp.Portal.Requests;

/// <summary>A notice as the notifications page lists it.</summary>
public sealed record NotificationView(long Id, string Text, string? Link, DateTime CreatedUtc, bool Read);

/// <summary>The current person's in-portal notices.</summary>
public sealed class NotificationService(PortalDbContext db, RequestActors actors, TimeProvider time)
{
    /// <summary>The latest notices of the current person, newest first.</summary>
    public async Task<IReadOnlyList<NotificationView>> ListAsync(CancellationToken cancellationToken)
    {
        var me = await actors.CurrentAsync(cancellationToken);
        return await db.Notifications.AsNoTracking()
            .Where(n => n.UserId == me.User.Id)
            .OrderByDescending(n => n.CreatedUtc)
            .Take(200)
            .Select(n => new NotificationView(n.Id, n.Text, n.Link, n.CreatedUtc, n.ReadUtc != null))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Marks every notice of the current person read.</summary>
    public async Task MarkAllReadAsync(CancellationToken cancellationToken)
    {
        var me = await actors.CurrentAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        await db.Notifications.Where(n => n.UserId == me.User.Id && n.ReadUtc == null)
            .ExecuteUpdateAsync(u => u.SetProperty(n => n.ReadUtc, now), cancellationToken);
    }
}
