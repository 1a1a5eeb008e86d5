using Lgsp.Broker.Presence;
using Lgsp.Portal.Data;
using Lgsp.Portal.Identity;
using Lgsp.Portal.Statistics;
using Lgsp.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Tests.Portal.Statistics;

[Collection(WebCollection.Name)]
public sealed class ConnectedSystemsTests : IDisposable
{
    private const string Health = "000.00.15.H06";
    private const string Home = "000.00.02.H06";
    private readonly ManualClock _clock = new(ManualClock.At(2026, 12, 8, 10, 0));
    private readonly PortalFactory _portal;

    public ConnectedSystemsTests() => _portal = new PortalFactory(clock: _clock);

    public void Dispose() => _portal.Dispose();

    [Fact]
    public async Task List_ShowsPresenceAndTodaysConnections_AllToStaff_OnlyTheirOwnToAnAgency()
    {
        await _portal.CreateUserAsync("chuyenvien@bacgiang.gov.vn", Roles.Specialist);
        await _portal.CreateUserAsync("vanthu.syt@bacgiang.gov.vn", Roles.AgencyOfficer, Health);
        await using (var scope = _portal.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            db.Applications.AddRange(
                new ApplicationRecord { AccessKeyId = "LGSPHEALTH", AgencyId = Health, Name = "QLVB Sở Y tế" },
                new ApplicationRecord { AccessKeyId = "LGSPHOME", AgencyId = Home, Name = "QLVB Sở Nội vụ" });
            await db.SaveChangesAsync();
        }

        var presence = _portal.Services.GetRequiredService<PresenceTracker>();
        presence.Seen("LGSPHEALTH", Health);
        _clock.Now = _clock.Now.AddMinutes(5);
        presence.Sweep();
        presence.Seen("LGSPHEALTH", Health);
        presence.Seen("LGSPHOME", Home);

        var staff = await ListAsync("chuyenvien@bacgiang.gov.vn");
        var agency = await ListAsync("vanthu.syt@bacgiang.gov.vn");

        Assert.Equal(["LGSPHOME", "LGSPHEALTH"], staff.Select(a => a.AccessKeyId));
        var health = Assert.Single(agency);
        Assert.Equal(("LGSPHEALTH", true, 2, 1), (health.AccessKeyId, health.Online, health.ConnectsToday,
            health.DisconnectsToday));
        Assert.Equal(_clock.Now.UtcDateTime, health.SinceUtc);
        Assert.Equal("Sở Y tế", health.AgencyName);

        var history = await HistoryAsync("vanthu.syt@bacgiang.gov.vn", "LGSPHEALTH");
        var hidden = await HistoryAsync("vanthu.syt@bacgiang.gov.vn", "LGSPHOME");
        var shown = await HistoryAsync("chuyenvien@bacgiang.gov.vn", "LGSPHOME");
        Assert.NotNull(history);
        Assert.Equal(2, history.Sessions.Count);
        Assert.Null(history.Sessions[0].EndUtc);
        Assert.Equal(TimeSpan.FromMinutes(1), history.Sessions[1].Duration);
        Assert.Null(hidden);
        Assert.NotNull(shown);
    }

    [Fact]
    public async Task Quiet_ListsApplicationsOfflineForADay_NotOnesIssuedToday()
    {
        await _portal.CreateUserAsync("lanhdao@bacgiang.gov.vn", Roles.Manager);
        await using (var scope = _portal.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var now = _clock.Now.UtcDateTime;
            db.Applications.AddRange(
                new ApplicationRecord
                {
                    AccessKeyId = "LGSPOLD",
                    AgencyId = Health,
                    Name = "Cũ, chưa từng kết nối",
                    IssuedUtc = now.AddDays(-3),
                },
                new ApplicationRecord
                {
                    AccessKeyId = "LGSPNEW",
                    AgencyId = Home,
                    Name = "Mới cấp",
                    IssuedUtc = now.AddHours(-2),
                },
                new ApplicationRecord
                {
                    AccessKeyId = "LGSPSEEN",
                    AgencyId = Home,
                    Name = "Vừa hoạt động",
                    IssuedUtc = now.AddDays(-3),
                });
            await db.SaveChangesAsync();
        }

        _portal.Services.GetRequiredService<PresenceTracker>().Seen("LGSPSEEN", Home);
        _clock.Now = _clock.Now.AddMinutes(10);

        await using var manager = _portal.ScopeActingAs("lanhdao@bacgiang.gov.vn");
        var quiet = await manager.ServiceProvider.GetRequiredService<ConnectedSystems>().QuietAsync(default);

        Assert.Equal(["LGSPOLD"], quiet.Select(a => a.AccessKeyId));
    }

    private async Task<ApplicationHistory?> HistoryAsync(string user, string key)
    {
        await using var scope = _portal.ScopeActingAs(user);
        return await scope.ServiceProvider.GetRequiredService<ConnectedSystems>().HistoryAsync(key, 50, default);
    }

    private async Task<IReadOnlyList<ApplicationPresence>> ListAsync(string user)
    {
        await using var scope = _portal.ScopeActingAs(user);
        return await scope.ServiceProvider.GetRequiredService<ConnectedSystems>().ListAsync(default);
    }
}
