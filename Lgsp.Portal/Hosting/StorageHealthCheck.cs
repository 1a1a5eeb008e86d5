using Hangfire;
using Lgsp.Broker.Storage;
using Lgsp.Portal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Lgsp.Portal.Hosting;

/// <summary>Healthy when the portal database, the broker's file and the job storage all answer.</summary>
internal sealed class StorageHealthCheck(PortalDbContext db, BrokerStore broker, JobStorage jobs) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(
        HealthCheckContext context,
        CancellationToken cancellationToken = default)
    {
        if (!await db.Database.CanConnectAsync(cancellationToken) || !await db.Settings.AnyAsync(cancellationToken))
        {
            return HealthCheckResult.Unhealthy("portal database");
        }

        if (!broker.IsUsable())
        {
            return HealthCheckResult.Unhealthy("broker storage");
        }

        try
        {
            jobs.GetMonitoringApi().Servers();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("job storage");
        }

        return HealthCheckResult.Healthy();
    }
}
