using Lgsp.Portal.Data;
using Lgsp.Portal.Requests;
using Microsoft.EntityFrameworkCore;

namespace Lgsp.Portal.Statistics;

/// <summary>How the Department kept the five-working-day deadline for the requests it answered in a period.</summary>
/// <param name="AverageWorkingDays">Working days from the clock's start to the answer, on average.</param>
public sealed record DeadlineFigures(int Answered, int OnTime, int Late, double? AverageWorkingDays);

/// <summary>One answered request measured against its deadline: the day it was answered, in Vietnam.</summary>
public sealed record AnsweredRequest(string AgencyId, DateOnly Answered, bool OnTime, int WorkingDays, bool Refused);

/// <summary>
/// Reads the requests answered in a period (replies issued or refusals, by their answer date in Vietnam) against
/// their due dates. Requests are few, so the dashboard reads them directly; the monthly statistics job counts
/// them with the same rule (<see cref="AnsweredAsync"/>), so both agree.
/// </summary>
public sealed class DeadlinePerformance(PortalDbContext db, CalendarService calendars)
{
    public async Task<DeadlineFigures> ForPeriodAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var answered = await AnsweredAsync(from, to, cancellationToken);
        if (answered.Count == 0)
        {
            return new DeadlineFigures(0, 0, 0, null);
        }

        var onTime = answered.Count(a => a.OnTime);
        return new DeadlineFigures(answered.Count, onTime, answered.Count - onTime,
            answered.Average(a => a.WorkingDays));
    }

    /// <summary>The requests answered between two days (both included), each measured against its due date.</summary>
    public async Task<IReadOnlyList<AnsweredRequest>> AnsweredAsync(
        DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var (start, end) = (from.ToDateTime(TimeOnly.MinValue) - VietnamTime.Offset,
            to.AddDays(1).ToDateTime(TimeOnly.MinValue) - VietnamTime.Offset);
        var answered = await db.Requests.AsNoTracking()
            .Where(r => r.AnsweredUtc != null && r.AnsweredUtc >= start && r.AnsweredUtc < end
                && r.ClockStart != null && r.DueDate != null)
            .Select(r => new { r.AgencyId, r.AnsweredUtc, r.ClockStart, r.DueDate, r.Status })
            .ToListAsync(cancellationToken);
        if (answered.Count == 0)
        {
            return [];
        }

        var calendar = await calendars.LoadAsync(to, cancellationToken);
        return [.. answered.Select(r =>
        {
            var day = VietnamTime.DayOf(r.AnsweredUtc!.Value);
            return new AnsweredRequest(r.AgencyId, day, day <= r.DueDate!.Value,
                calendar.WorkingDaysBetween(r.ClockStart!.Value, day),
                r.Status == Lgsp.Forms.Requests.RequestStatus.Refused);
        })];
    }
}
