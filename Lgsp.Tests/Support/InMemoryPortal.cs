using Lgsp.Portal.Agencies;
using Lgsp.Portal.Audit;
using Lgsp.Portal.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Tests.Support;

/// <summary>
/// The portal's directory services on an in-memory SQLite database holding the shipped sample directory, for
/// component tests that need real data but no host.
/// </summary>
internal static class InMemoryPortal
{
    public static async Task AddDirectoryServicesAsync(IServiceCollection services)
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        services.AddSingleton(connection);
        services.AddDbContext<PortalDbContext>(o => o.UseSqlite(connection));
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<ICurrentActor, CommandLineActor>();
        services.AddScoped<AuditLog>();
        services.AddScoped<AgencyDirectoryService>();
        services.AddSingleton<AgencyEntryCache>();

        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Database.MigrateAsync();
        await using var seed = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Seed", "agencies.sample.csv"));
        var result = await scope.ServiceProvider.GetRequiredService<AgencyDirectoryService>()
            .ImportAsync(seed, "agencies.sample.csv", CancellationToken.None);
        Assert.True(result.Succeeded);
    }
}
