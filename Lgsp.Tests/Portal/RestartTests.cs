using Lgsp.Portal.Agencies;
using Lgsp.Portal.Data;
using Lgsp.Portal.Identity;
using Lgsp.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Tests.Portal;

[Collection(WebCollection.Name)]
public sealed class RestartTests
{
    [Fact]
    public async Task Restart_OnTheSameData_KeepsEverythingAndDuplicatesNothing()
    {
        var data = Path.Combine(Path.GetTempPath(), "lgsp-restart-" + Guid.NewGuid().ToString("N"));
        try
        {
            Counts first;
            using (var portal = new PortalFactory(data) { KeepData = true })
            {
                await portal.CreateUserAsync("000.00.15.h06@bacgiang.gov.vn", Roles.AgencyOfficer, "000.00.15.H06");
                first = await CountAsync(portal);
            }

            using var restarted = new PortalFactory(data) { KeepData = true };
            var second = await CountAsync(restarted);

            Assert.Equal(first with { AuditEntries = second.AuditEntries }, second);
            Assert.Equal(2, second.Users);
            Assert.True(second.Agencies > 30);
            Assert.True(second.AuditEntries >= first.AuditEntries);
        }
        finally
        {
            PortalFactory.DeleteData(data);
        }
    }

    private static async Task<Counts> CountAsync(PortalFactory portal)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var directory = scope.ServiceProvider.GetRequiredService<AgencyDirectoryService>();
        return new Counts(
            await db.Users.CountAsync(),
            await db.Roles.CountAsync(),
            await directory.CountAsync(CancellationToken.None),
            await db.Settings.CountAsync(),
            await db.AuditEntries.CountAsync());
    }

    private sealed record Counts(int Users, int Roles, int Agencies, int Settings, int AuditEntries);
}
