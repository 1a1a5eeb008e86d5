using Lgsp.Directory;
using Lgsp.Forms.Calendar;
using Lgsp.Portal.Audit;
using Lgsp.Portal.Data;
using Microsoft.EntityFrameworkCore;

namespace Lgsp.Portal.Requests;

/// <summary>Thrown when a schedule cannot be saved; the message is for the user, in Vietnamese.</summary>
public sealed class CalendarRuleException(string message) : PortalRuleException(message);

/// <summary>
/// The working-day calendar as administrators keep it: a confirmed year is exactly what they entered; any other
/// year is the shipped schedule (the published 2026 one) or the computed defaults, shown as unconfirmed.
/// </summary>
public sealed class CalendarService(PortalDbContext db, AuditLog audit, ICurrentActor actor, TimeProvider time)
{
    /// <summary>A year's schedule in force.</summary>
    public async Task<YearSchedule> GetYearAsync(int year, CancellationToken cancellationToken)
    {
        var confirmed = await db.CalendarYears.AsNoTracking().AnyAsync(y => y.Year == year, cancellationToken);
        if (!confirmed)
        {
            return HolidayDefaults.For(year);
        }

        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        var days = await db.CalendarDays.AsNoTracking()
            .Where(d => d.Date >= first && d.Date <= last)
            .OrderBy(d => d.Date)
            .ToListAsync(cancellationToken);
        return new YearSchedule(year, [.. days.Select(d => new CalendarEntry(d.Date, d.Kind, d.Name))], true);
    }

    /// <summary>
    /// A calendar for the years around <paramref name="today"/>, loaded once: deadlines never reach further than
    /// a few weeks, so the year before and the two after cover every request.
    /// </summary>
    public async Task<WorkingCalendar> LoadAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var years = new Dictionary<int, YearSchedule>();
        for (var year = today.Year - 1; year <= today.Year + 2; year++)
        {
            years[year] = await GetYearAsync(year, cancellationToken);
        }

        return new WorkingCalendar(year => years.TryGetValue(year, out var s) ? s : HolidayDefaults.For(year));
    }

    /// <summary>Replaces a year's schedule with <paramref name="entries"/> and marks it confirmed.</summary>
    public async Task ConfirmYearAsync(
        int year, IReadOnlyList<CalendarEntry> entries, CancellationToken cancellationToken)
    {
        await actor.RequireRoleAsync(Identity.Roles.Administrator, cancellationToken);
        var wrong = entries.FirstOrDefault(e => e.Date.Year != year);
        if (wrong is not null)
        {
            throw new CalendarRuleException($"Ngày {VietnamTime.FormatDate(wrong.Date)} không thuộc năm {year}.");
        }

        var unnamed = entries.FirstOrDefault(e => VietnameseText.Normalize(e.Name).Length == 0);
        if (unnamed is not null)
        {
            throw new CalendarRuleException($"Nhập tên cho ngày {VietnamTime.FormatDate(unnamed.Date)}.");
        }

        if (entries.GroupBy(e => e.Date).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new CalendarRuleException($"Ngày {VietnamTime.FormatDate(twice.Key)} được nhập hai lần.");
        }

        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.CalendarDays.Where(d => d.Date >= first && d.Date <= last).ExecuteDeleteAsync(cancellationToken);
        db.CalendarDays.AddRange(entries.Select(e => new CalendarDayRecord
        {
            Date = e.Date,
            Kind = e.Kind,
            Name = VietnameseText.Normalize(e.Name),
        }));
        var record = await db.CalendarYears.SingleOrDefaultAsync(y => y.Year == year, cancellationToken);
        if (record is null)
        {
            record = new CalendarYearRecord { Year = year };
            db.CalendarYears.Add(record);
        }

        record.ConfirmedUtc = time.GetUtcNow().UtcDateTime;
        record.ConfirmedBy = (await actor.GetAsync(cancellationToken)).Name;
        var offDays = entries.Count(e => e.Kind == CalendarDayKind.DayOff);
        await audit.AddAsync(AuditActions.CalendarConfirmed, year.ToString(VietnamTime.Culture),
            $"{offDays} ngày nghỉ, {entries.Count - offDays} ngày làm bù", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
