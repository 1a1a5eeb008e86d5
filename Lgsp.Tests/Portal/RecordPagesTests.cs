using System.Net;
using Lgsp.Broker.Exchanges;
using Lgsp.Forms.Requests;
using Lgsp.Portal.Data;
using Lgsp.Portal.Identity;
using Lgsp.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Tests.Portal;

/// <summary>The pages of single records answer 404 over HTTP when the record is another agency's or absent.</summary>
[Collection(WebCollection.Name)]
public sealed class RecordPagesTests : IDisposable
{
    private const string Health = "000.00.15.H06";
    private const string Home = "000.00.02.H06";
    private const string Finance = "000.00.07.H06";
    private const string Officer = "vanthu.syt@bacgiang.gov.vn";
    private readonly PortalFactory _portal = new(clock: new ManualClock(ManualClock.At(2026, 12, 8, 10, 0)));

    public void Dispose() => _portal.Dispose();

    [Fact]
    public async Task AnotherAgencysRecordPage_AnswersNotFound_LikeAMissingOne_TheirOwnAnswersTheApp()
    {
        var password = await _portal.CreateUserAsync(Officer, Roles.AgencyOfficer, Health);
        var specialist = await _portal.CreateUserAsync("chuyenvien@bacgiang.gov.vn", Roles.Specialist);
        var store = _portal.Services.GetRequiredService<ExchangeStore>();
        var at = ManualClock.At(2026, 12, 8, 9, 0).UtcDateTime;
        var received = ExchangeRecords.Submitted(Home, at, 10,
            ExchangeRecords.Finished(Health, RecipientStatus.Delivered, at.AddMinutes(1)));
        var others = ExchangeRecords.Submitted(Home, at, 10,
            ExchangeRecords.Finished(Finance, RecipientStatus.Delivered, at.AddMinutes(1)));
        store.Insert(received);
        store.Insert(others);
        var own = RequestRecords.Request(Health, null, null, null, null, RequestStatus.Draft);
        var foreign = RequestRecords.Request(Home, null, null, null, null, RequestStatus.Draft);
        await using (var scope = _portal.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            db.Applications.AddRange(
                new ApplicationRecord { AccessKeyId = "LGSPHEALTH", AgencyId = Health, Name = "QLVB Sở Y tế" },
                new ApplicationRecord { AccessKeyId = "LGSPHOME", AgencyId = Home, Name = "QLVB Sở Nội vụ" });
            db.Requests.AddRange(own, foreign);
            await db.SaveChangesAsync();
        }

        var officer = _portal.CreateBrowserlikeClient();
        await PortalFactory.SignInAsync(officer, Officer, password);
        var staff = _portal.CreateBrowserlikeClient();
        await PortalFactory.SignInAsync(staff, "chuyenvien@bacgiang.gov.vn", specialist);

        async Task<HttpStatusCode> StatusAsync(HttpClient client, string path) =>
            (await client.GetAsync(path)).StatusCode;

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(officer, $"/traffic/{received.Id}"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(officer, $"/traffic/{others.Id}"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(officer, "/traffic/khong-co"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(staff, $"/traffic/{others.Id}"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(officer, "/connections/LGSPHEALTH"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(officer, "/connections/LGSPHOME"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(staff, "/connections/LGSPHOME"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(officer, $"/requests/{own.Id}"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(officer, $"/requests/{foreign.Id}"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(officer, $"/requests/{Guid.NewGuid()}"));
        var body = await (await officer.GetAsync($"/traffic/{others.Id}")).Content.ReadAsStringAsync();
        Assert.Contains("blazor.web.js", body, StringComparison.Ordinal);
        Assert.DoesNotContain(others.Id, body, StringComparison.Ordinal);
    }
}
