namespace Lgsp.Forms.Calendar;

/// <summary>
/// The answer deadline of a request (thời hạn giải quyết, Điều 14.3): five working days from receiving complete
/// information, counted as the Civil Code counts (Điều 147–148): the day the information arrives is not counted,
/// and the deadline is the end of the fifth working day after it.
/// </summary>
/// <param name="Received">The day complete information arrived (Vietnam's calendar day).</param>
/// <param name="Due">The last working day on which the answer is in time.</param>
public sealed record Deadline(DateOnly Received, DateOnly Due)
{
    /// <summary>The working days the regulation allows.</summary>
    public const int WorkingDays = 5;

    /// <summary>The deadline for information completed on <paramref name="received"/>.</summary>
    public static Deadline From(WorkingCalendar calendar, DateOnly received) =>
        new(received, calendar.AddWorkingDays(received, WorkingDays));

    /// <summary>Working days left after <paramref name="today"/> up to the due date; 0 on the due day.</summary>
    public int DaysLeft(WorkingCalendar calendar, DateOnly today) =>
        today >= Due ? 0 : calendar.WorkingDaysBetween(today, Due);

    /// <summary>Working days late, counted after the due date up to <paramref name="today"/>.</summary>
    public int DaysOverdue(WorkingCalendar calendar, DateOnly today) =>
        today <= Due ? 0 : calendar.WorkingDaysBetween(Due, today);

    /// <summary>True when the end of the due day has passed.</summary>
    public bool IsOverdue(DateOnly today) => today > Due;

    /// <summary>How the deadline reads in lists, in Vietnamese.</summary>
    public string Describe(WorkingCalendar calendar, DateOnly today)
    {
        if (IsOverdue(today))
        {
            var late = DaysOverdue(calendar, today);
            return late == 0 ? "Quá hạn" : $"Quá hạn {late} ngày làm việc";
        }

        var left = DaysLeft(calendar, today);
        return left == 0 ? "Đến hạn hôm nay" : $"Còn {left} ngày làm việc";
    }
}
