using Lgsp.Forms.Calendar;
using Lgsp.Forms.Catalog;
using Lgsp.Forms.Requests;
using Lgsp.Portal.Data;
using Lgsp.Portal.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Lgsp.Portal.Requests;

/// <summary>
/// The recurring job that watches answer deadlines: it reminds the assigned Specialist (every Specialist while
/// nobody has accepted the request) when one working day is left, and tells the Directors when a request is
/// overdue. Each notice has a key per request and clock start, so the job can run every hour, twice, or after
/// downtime without repeating itself.
/// </summary>
public sealed class DeadlineReminders(
    PortalDbContext db,
    CalendarService calendars,
    UserManager<PortalUser> users,
    NotificationMailer mailer,
    TimeProvider time)
{
    /// <summary>The job's id in Hangfire.</summary>
    public const string JobId = "deadline-reminders";

    /// <summary>Checks every open request's deadline and notifies; returns how many notices it created.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var today = VietnamTime.Today(time);
        var calendar = await calendars.LoadAsync(today, cancellationToken);
        var running = new[]
        {
            RequestStatus.Submitted, RequestStatus.Accepted, RequestStatus.ReplyDrafted,
            RequestStatus.ReplySentBack, RequestStatus.Approved,
        };
        var open = await db.Requests.AsNoTracking()
            .Where(r => running.Contains(r.Status) && r.ClockStart != null && r.DueDate != null)
            .ToListAsync(cancellationToken);
        var specialists = await users.GetUsersInRoleAsync(Roles.Specialist);
        var directors = await users.GetUsersInRoleAsync(Roles.Director);
        var agencyIds = open.Select(r => r.AgencyId).Distinct().ToList();
        var agencies = await db.Agencies.AsNoTracking()
            .Where(a => agencyIds.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        var created = 0;
        foreach (var request in open)
        {
            var deadline = new Deadline(request.ClockStart!.Value, request.DueDate!.Value);
            var agency = agencies.GetValueOrDefault(request.AgencyId, request.AgencyId);
            var label = $"{FormCatalog.Get(request.Kind).Label} \"{request.Title}\" của {agency}";
            var due = VietnamTime.FormatDate(deadline.Due);
            if (deadline.IsOverdue(today))
            {
                created += await NotifyAsync(directors, request, $"overdue:{request.Id}:{deadline.Received:yyyyMMdd}",
                    $"Hồ sơ {label} đã quá hạn trả lời ({due}).", cancellationToken);
            }
            else if (deadline.DaysLeft(calendar, today) <= 1)
            {
                var assigned = specialists.Where(s => request.AssignedSpecialist is null
                    || s.Id == request.AssignedSpecialist).ToList();
                created += await NotifyAsync(assigned, request, $"due-soon:{request.Id}:{deadline.Received:yyyyMMdd}",
                    $"Hồ sơ {label} đến hạn trả lời ngày {due}.", cancellationToken);
            }
        }

        return created;
    }

    private async Task<int> NotifyAsync(
        IEnumerable<PortalUser> recipients,
        ServiceRequest request,
        string key,
        string text,
        CancellationToken cancellationToken)
    {
        var created = 0;
        foreach (var user in recipients)
        {
            if (await db.Notifications.AnyAsync(n => n.UserId == user.Id && n.Key == key, cancellationToken))
            {
                continue;
            }

            db.Notifications.Add(new PortalNotification
            {
                UserId = user.Id,
                Key = key,
                Text = text,
                Link = $"/requests/{request.Id}",
                CreatedUtc = time.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync(cancellationToken);
            created++;
            if (user.Email is { Length: > 0 } email)
            {
                await mailer.SendAsync(email, "Nhắc hạn hồ sơ LGSP", text, cancellationToken);
            }
        }

        return created;
    }
}
