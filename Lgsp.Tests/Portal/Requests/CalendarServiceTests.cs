using Lgsp.Forms.Calendar;
using Lgsp.Portal.Audit;
using Lgsp.Portal.Data;
using Lgsp.Portal.Identity;
using Lgsp.Portal.Requests;
using Lgsp.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Tests.Portal.Requests;

[Collection(WebCollection.Name)]
public sealed class CalendarServiceTests : IDisposable
{
    private readonly PortalFactory _portal = new();

    public void Dispose() => _portal.Dispose();

    [Fact]
    public async Task ConfirmYear_ReplacesTheDefaults_AndDeadlinesFollowIt()
    {
        await using var scope = _portal.ScopeActingAs();
        var calendars = scope.ServiceProvider.GetRequiredService<CalendarService>();
        var defaults = await calendars.GetYearAsync(2027, default);
        var workingSaturday = new DateOnly(2027, 1, 9);
        var culturalDay = new DateOnly(2027, 11, 24);

        await calendars.ConfirmYearAsync(2027,
        [
            .. defaults.Entries,
            new(workingSaturday, CalendarDayKind.WorkingDay, "Làm bù cho ngày 01/01"),
            new(culturalDay, CalendarDayKind.DayOff, "Ngày Văn hóa Việt Nam"),
        ], default);

        var confirmed = await calendars.GetYearAsync(2027, default);
        var calendar = await calendars.LoadAsync(new DateOnly(2027, 1, 1), default);
        Assert.False(defaults.Confirmed);
        Assert.True(confirmed.Confirmed);
        Assert.True(calendar.IsWorkingDay(workingSaturday));
        Assert.False(calendar.IsWorkingDay(culturalDay));
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        Assert.True(await db.AuditEntries.AnyAsync(
            e => e.Action == AuditActions.CalendarConfirmed && e.Target == "2027"));
    }

    [Fact]
    public async Task ConfirmYear_ADayOfAnotherYear_IsRefusedAndNothingChanges()
    {
        await using var scope = _portal.ScopeActingAs();
        var calendars = scope.ServiceProvider.GetRequiredService<CalendarService>();

        await Assert.ThrowsAsync<CalendarRuleException>(() => calendars.ConfirmYearAsync(2027,
            [new(new DateOnly(2028, 1, 1), CalendarDayKind.DayOff, "Tết Dương lịch")], default));

        Assert.False((await calendars.GetYearAsync(2027, default)).Confirmed);
    }

    [Fact]
    public async Task ConfirmYear_BySomeoneNotAnAdministrator_IsForbidden()
    {
        await _portal.CreateUserAsync("chuyenvien@bacgiang.gov.vn", Roles.Specialist);
        await using var scope = _portal.ScopeActingAs("chuyenvien@bacgiang.gov.vn");
        var calendars = scope.ServiceProvider.GetRequiredService<CalendarService>();

        await Assert.ThrowsAsync<ForbiddenActionException>(() => calendars.ConfirmYearAsync(2027, [], default));
    }
}
