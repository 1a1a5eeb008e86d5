namespace Lgsp.Tests.Support;

/// <summary>A clock the test sets and moves; it stands still otherwise.</summary>
internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    /// <summary>A Vietnam-time instant, e.g. <c>At(2026, 12, 7, 9, 0)</c> for 09:00 on 07/12/2026 (UTC+7).</summary>
    public static DateTimeOffset At(int year, int month, int day, int hour, int minute) =>
        new(year, month, day, hour, minute, 0, TimeSpan.FromHours(7));

    public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
}
