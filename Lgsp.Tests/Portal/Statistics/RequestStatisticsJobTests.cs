using Lgsp.Forms.Requests;
using Lgsp.Portal.Data;
using Lgsp.Portal.Statistics;
using Lgsp.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Tests.Portal.Statistics;

[Collection(WebCollection.Name)]
public sealed class RequestStatisticsJobTests : IDisposable
{
    private const string Health = "000.00.15.H06";
    private const string Finance = "000.00.07.H06";
    private readonly PortalFactory _portal = new(clock: new ManualClock(ManualClock.At(2026, 12, 15, 10, 0)));

    public void Dispose() => _portal.Dispose();

    [Fact]
    public async Task Run_Twice_CountsEachAgencysMonth_ByVietnameseDays_AndAgreesWithTheDashboard()
    {
        _portal.StartServer();
        await using var scope = _portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.Requests.AddRange(
            // Answered on time on Thursday 03/12 after 4 working days (Saturday and Sunday do not count).
            RequestRecords.Request(Health, ManualClock.At(2026, 11, 27, 9, 0), new(2026, 11, 27), new(2026, 12, 4),
                ManualClock.At(2026, 12, 3, 10, 0), RequestStatus.Issued),
            // Refused late on 10/12, 7 working days after 01/12.
            RequestRecords.Request(Health, ManualClock.At(2026, 12, 1, 9, 0), new(2026, 12, 1), new(2026, 12, 8),
                ManualClock.At(2026, 12, 10, 16, 0), RequestStatus.Refused),
            // 23:30 on 30/11 in Vietnam is November, though 16:30 UTC; 00:30 on 02/12 is December.
            RequestRecords.Request(Health, ManualClock.At(2026, 11, 30, 23, 30), null, null, null, RequestStatus.Submitted),
            RequestRecords.Request(Finance, ManualClock.At(2026, 12, 2, 0, 30), null, null, null, RequestStatus.Submitted),
            RequestRecords.Request(Finance, null, null, null, null, RequestStatus.Draft));
        await db.SaveChangesAsync();
        var job = scope.ServiceProvider.GetRequiredService<RequestStatisticsJob>();

        await job.RunAsync(default);
        var count = await job.RunAsync(default);

        var rows = await db.AgencyMonths.AsNoTracking().OrderBy(m => m.AgencyId).ThenBy(m => m.Month)
            .Select(m => new
            {
                m.AgencyId,
                m.Month,
                m.Submitted,
                m.Answered,
                m.Refused,
                m.OnTime,
                m.Late,
                m.WorkingDays,
            })
            .ToListAsync();
        Assert.Equal(3, count);
        Assert.Equal(
        [
            new { AgencyId = Finance, Month = new DateOnly(2026, 12, 1), Submitted = 1, Answered = 0, Refused = 0,
                OnTime = 0, Late = 0, WorkingDays = 0 },
            new { AgencyId = Health, Month = new DateOnly(2026, 11, 1), Submitted = 2, Answered = 0, Refused = 0,
                OnTime = 0, Late = 0, WorkingDays = 0 },
            new { AgencyId = Health, Month = new DateOnly(2026, 12, 1), Submitted = 1, Answered = 2, Refused = 1,
                OnTime = 1, Late = 1, WorkingDays = 11 },
        ], rows);
        var dashboard = await scope.ServiceProvider.GetRequiredService<DeadlinePerformance>()
            .ForPeriodAsync(new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 31), default);
        Assert.Equal(new DeadlineFigures(2, 1, 1, 5.5), dashboard);
    }
}
