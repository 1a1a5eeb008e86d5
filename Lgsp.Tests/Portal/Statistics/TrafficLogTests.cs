using Lgsp.Broker.Exchanges;
using Lgsp.Portal.Identity;
using Lgsp.Portal.Statistics;
using Lgsp.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Tests.Portal.Statistics;

[Collection(WebCollection.Name)]
public sealed class TrafficLogTests : IDisposable
{
    private const string Health = "000.00.15.H06";
    private const string Home = "000.00.02.H06";
    private const string Finance = "000.00.07.H06";
    private static readonly DateOnly Monday = new(2026, 12, 7);
    private readonly ManualClock _clock = new(ManualClock.At(2026, 12, 8, 10, 0));
    private readonly PortalFactory _portal;

    public TrafficLogTests() => _portal = new PortalFactory(clock: _clock);

    public void Dispose() => _portal.Dispose();

    [Fact]
    public async Task Search_AnAgencySeesOnlyWhatItSentOrReceived_StaffSeeAllAndFilter()
    {
        await _portal.CreateUserAsync("chuyenvien@bacgiang.gov.vn", Roles.Specialist);
        await _portal.CreateUserAsync("vanthu.syt@bacgiang.gov.vn", Roles.AgencyOfficer, Health);
        var store = _portal.Services.GetRequiredService<ExchangeStore>();
        var sent = Exchange(Health, Home, RecipientStatus.Delivered, Priority.Normal);
        var received = Exchange(Home, Health, RecipientStatus.Rejected, Priority.Urgent);
        var others = Exchange(Home, Finance, RecipientStatus.Delivered, Priority.Normal);
        foreach (var exchange in new[] { sent, received, others })
        {
            store.Insert(exchange);
        }

        var agency = await SearchAsync("vanthu.syt@bacgiang.gov.vn", new TrafficFilter(Monday, Monday, Finance));
        var agencySent = await SearchAsync("vanthu.syt@bacgiang.gov.vn",
            new TrafficFilter(Monday, Monday, Direction: TrafficDirection.Sent));
        var staff = await SearchAsync("chuyenvien@bacgiang.gov.vn", new TrafficFilter(Monday, Monday));
        var urgent = await SearchAsync("chuyenvien@bacgiang.gov.vn",
            new TrafficFilter(Monday, Monday, Priority: Priority.Urgent));
        var rejectedToHealth = await SearchAsync("chuyenvien@bacgiang.gov.vn", new TrafficFilter(Monday, Monday,
            Health, TrafficDirection.Received, RecipientStatus.Rejected));
        var tuesday = await SearchAsync("chuyenvien@bacgiang.gov.vn", new TrafficFilter(Monday.AddDays(1),
            Monday.AddDays(1)));

        // The agency's own filter wins over the one it sent (Finance): never another agency's traffic.
        Assert.Equal([received.Id, sent.Id], agency.Select(e => e.Id));
        Assert.Equal([sent.Id], agencySent.Select(e => e.Id));
        Assert.Equal(3, staff.Count);
        Assert.Equal([received.Id], urgent.Select(e => e.Id));
        Assert.Equal([received.Id], rejectedToHealth.Select(e => e.Id));
        Assert.Empty(tuesday);
        Assert.Null(await FindAsync("vanthu.syt@bacgiang.gov.vn", others.Id));
        Assert.NotNull(await FindAsync("vanthu.syt@bacgiang.gov.vn", received.Id));
        Assert.NotNull(await FindAsync("chuyenvien@bacgiang.gov.vn", others.Id));
    }

    private int _minute;

    private Exchange Exchange(string source, string destination, RecipientStatus status, Priority priority)
    {
        var submitted = ManualClock.At(2026, 12, 7, 9, _minute++).UtcDateTime;
        var exchange = ExchangeRecords.Submitted(source, submitted, 10,
            new Recipient { AgencyId = destination, Status = status });
        exchange.Title = $"Gói từ {source}";
        exchange.DataType = "json";
        exchange.Priority = priority;
        return exchange;
    }

    private async Task<IReadOnlyList<Exchange>> SearchAsync(string user, TrafficFilter filter)
    {
        await using var scope = _portal.ScopeActingAs(user);
        return await scope.ServiceProvider.GetRequiredService<TrafficLog>().SearchAsync(filter, default);
    }

    private async Task<Exchange?> FindAsync(string user, string id)
    {
        await using var scope = _portal.ScopeActingAs(user);
        return await scope.ServiceProvider.GetRequiredService<TrafficLog>().FindAsync(id, default);
    }
}
