namespace Lgsp.Portal.Hosting;

/// <summary>
/// Runs <see cref="FirstRun"/> when the host starts. It is registered before the web server, so no request is
/// served before the database is migrated and the first administrator exists.
/// </summary>
internal sealed class FirstRunService(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        services.InitializeDataAsync(Console.Out, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
