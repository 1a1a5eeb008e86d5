using System.Globalization;
using Lgsp.Broker.Applications;
using Lgsp.Broker.Authentication;
using Lgsp.Broker.Directory;
using Lgsp.Broker.Events;
using Lgsp.Broker.Exchanges;
using Lgsp.Broker.Http;
using Lgsp.Broker.Presence;
using Lgsp.Broker.Sessions;
using Lgsp.Broker.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;

namespace Lgsp.Broker.Hosting;

/// <summary>Wires the broker into a host: its storage and its endpoints under <c>/api/v1</c>.</summary>
public static class BrokerExtensions
{
    /// <summary>
    /// Registers the broker's services. The host configures <see cref="BrokerOptions"/> and provides
    /// <see cref="Applications.IApplicationRegistry"/> and <see cref="IAgencyLookup"/>.
    /// </summary>
    public static IServiceCollection AddLgspBroker(this IServiceCollection services)
    {
        services.AddOptions<BrokerOptions>();
        services.AddSingleton(sp =>
            new BrokerStore(sp.GetRequiredService<IOptions<BrokerOptions>>().Value.DataDirectory));
        services.AddSingleton<ReplayGuard>();
        services.TryAddSingleton<ApplicationKeyCache>();
        services.AddSingleton<ConnectionLog>();
        services.AddSingleton<PresenceTracker>();
        services.AddSingleton<EventHub>();
        services.AddScoped<SessionKeys>();
        services.AddBrokerRateLimits();
        services.AddOpenApi("v1", options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "LGSP broker";
            document.Info.Description = "The broker's wire contract: shared/spec/broker-api.md. Every endpoint "
                + "except GET /api/v1/time needs a SigV4 signature (provider lgsp, region and service as configured).";
            return Task.CompletedTask;
        }));
        services.AddHostedService<DeliveryTimers>();
        services.AddSingleton<ExchangeStore>();
        services.AddScoped<ContentPreparation>();
        services.AddScoped<ExchangeService>();
        return services;
    }

    /// <summary>
    /// Checks signatures before signed endpoints run; place it after authentication, before endpoints.
    /// </summary>
    public static IApplicationBuilder UseLgspBroker(this IApplicationBuilder app) =>
        app.UseRateLimiter().UseMiddleware<SignedRequestMiddleware>();

    /// <summary>Maps the broker's HTTP endpoints.</summary>
    public static IEndpointRouteBuilder MapLgspBroker(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1");

        // Unsigned on purpose (spec: "Every endpoint except GET /api/v1/time requires a signed request"):
        // clients whose clocks drift read the time here before they sign.
        api.MapGet("/time", (TimeProvider time) =>
                TypedResults.Ok(new ServerTime(time.GetUtcNow().UtcDateTime.ToString(
                    "yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture))))
            .AllowAnonymous()
            .WithName("GetTime");

        var signed = api.MapGroup("")
            .AllowAnonymous()
            .WithMetadata(new RequiresSignature())
            .RequireRateLimiting(BrokerRateLimits.Policy)
            .AddEndpointFilter<BrokerExceptionFilter>();
        signed.MapDirectory();
        signed.MapExchanges();
        signed.MapEvents();
        signed.MapSessions();

        endpoints.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();

        // The reference page serves its script from this process and asks no font service for fonts: portal
        // users may be on networks that reach nothing else.
        endpoints.MapScalarApiReference("/api/reference", options => options
                .WithTitle("LGSP broker API")
                .WithOpenApiRoutePattern("/openapi/{documentName}.json")
                .DisableDefaultFonts())
            .AllowAnonymous();
        return endpoints;
    }

    /// <summary>The body of <c>GET /api/v1/time</c>.</summary>
    public sealed record ServerTime(string Utc);
}
