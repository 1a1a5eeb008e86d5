using Lgsp.Portal.Data;
using Lgsp.Portal.Requests;
using Microsoft.EntityFrameworkCore;

namespace Lgsp.Portal.Statistics;

/// <summary>How the Department kept the five-working-day deadline for the requests it answered in a period.</summary>
/// <param name="AverageWorkingDays">Working days from the clock's start to the answer, on average.</param>
public sealed record DeadlineFigures(int Answered, int OnTime, int Late, double? AverageWorkingDays);

/// <summary>
/// Reads the requests answered in a period (replies issued or refusals, by their answer date in Vietnam) against
/// their due dates. Requests are few, so this reads them directly rather than from an aggregate.
/// </summary>
public sealed class DeadlinePerformance(PortalDbContext db, CalendarService calendars)
{
    public async Task<DeadlineFigures> ForPeriodAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var (start, end) = (from.ToDateTime(TimeOnly.MinValue) - VietnamTime.Offset,
            to.AddDays(1).ToDateTime(TimeOnly.MinValue) - VietnamTime.Offset);
        var answered = await db.Requests.AsNoTracking()
            .Where(r => r.AnsweredUtc != null && r.AnsweredUtc >= start && r.AnsweredUtc < end
                && r.ClockStart != null && r.DueDate != null)
            .Select(r => new { r.AnsweredUtc, r.ClockStart, r.DueDate })
            .ToListAsync(cancellationToken);
        if (answered.Count == 0)
        {
            return new DeadlineFigures(0, 0, 0, null);
        }

        var calendar = await calendars.LoadAsync(to, cancellationToken);
        var days = answered.Select(r => (
            Answered: DateOnly.FromDateTime(VietnamTime.ToLocal(r.AnsweredUtc!.Value).DateTime),
            Start: r.ClockStart!.Value,
            Due: r.DueDate!.Value)).ToList();
        var onTime = days.Count(d => d.Answered <= d.Due);
        return new DeadlineFigures(days.Count, onTime, days.Count - onTime,
            days.Average(d => calendar.WorkingDaysBetween(d.Start, d.Answered)));
    }
}
