using Lgsp.Forms.Catalog;
using Lgsp.Portal;
using Lgsp.Portal.Data;
using Lgsp.Portal.Identity;
using Lgsp.Portal.Requests;
using Lgsp.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Tests.Portal.Requests;

[Collection(WebCollection.Name)]
public sealed class DeadlineRemindersTests : IAsyncLifetime
{
    private const string Officer = "vanthu.syt@bacgiang.gov.vn";

    private readonly PortalFactory _portal = new();

    public async Task InitializeAsync()
    {
        await _portal.CreateUserAsync(Officer, Roles.AgencyHead, "000.00.15.H06");
        await _portal.CreateUserAsync("chuyenvien@bacgiang.gov.vn", Roles.Specialist);
        await _portal.CreateUserAsync("giamdoc@bacgiang.gov.vn", Roles.Director);
    }

    public Task DisposeAsync()
    {
        _portal.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task OneWorkingDayLeft_RemindsTheSpecialistOnce()
    {
        var id = await SubmitAsync();
        await MoveDueDateAsync(id, calendar => calendar.AddWorkingDays(VietnamTime.Today(TimeProvider.System), 1));

        var first = await RunJobAsync();
        var second = await RunJobAsync();

        Assert.Equal((1, 0), (first, second));
        var notice = Assert.Single(await NoticesOfAsync("chuyenvien@bacgiang.gov.vn"));
        Assert.Contains("đến hạn trả lời", notice.Text, StringComparison.Ordinal);
        Assert.Equal($"/requests/{id}", notice.Link);
        Assert.Empty(await NoticesOfAsync("giamdoc@bacgiang.gov.vn"));
    }

    [Fact]
    public async Task Overdue_TellsTheDirector_AndTheListFlagsIt()
    {
        var id = await SubmitAsync();
        await MoveDueDateAsync(id, _ => VietnamTime.Today(TimeProvider.System).AddDays(-3));

        await RunJobAsync();

        var notice = Assert.Single(await NoticesOfAsync("giamdoc@bacgiang.gov.vn"));
        Assert.Contains("quá hạn", notice.Text, StringComparison.Ordinal);
        await using var scope = _portal.ScopeActingAs("chuyenvien@bacgiang.gov.vn");
        var list = await scope.ServiceProvider.GetRequiredService<RequestService>().ListAsync(default);
        Assert.True(Assert.Single(list).Overdue);
    }

    [Fact]
    public async Task PlentyOfTime_NotifiesNobody()
    {
        await SubmitAsync();

        Assert.Equal(0, await RunJobAsync());
    }

    private async Task<Guid> SubmitAsync()
    {
        await using var scope = _portal.ScopeActingAs(Officer);
        var requests = scope.ServiceProvider.GetRequiredService<RequestService>();
        var id = await requests.CreateDraftAsync(FormKind.RegisterApplication, default);
        var version = (await requests.GetAsync(id, default)).Version;
        await requests.SubmitAsync(id, version, FormsFor.Registration(), default);
        return id;
    }

    private async Task MoveDueDateAsync(Guid id, Func<Lgsp.Forms.Calendar.WorkingCalendar, DateOnly> due)
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        var calendar = await scope.ServiceProvider.GetRequiredService<CalendarService>()
            .LoadAsync(VietnamTime.Today(TimeProvider.System), default);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var request = await db.Requests.SingleAsync(r => r.Id == id);
        request.DueDate = due(calendar);
        request.ClockStart = request.DueDate.Value.AddDays(-10);
        await db.SaveChangesAsync();
    }

    private async Task<int> RunJobAsync()
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DeadlineReminders>().RunAsync(default);
    }

    /// <summary>The deadline job's notices to a user, leaving out those of the workflow's own steps.</summary>
    private async Task<List<PortalNotification>> NoticesOfAsync(string email)
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByNameAsync(email);
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Notifications
            .Where(n => n.UserId == user!.Id && !n.Key.StartsWith("step:"))
            .ToListAsync();
    }
}
