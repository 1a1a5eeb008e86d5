using System.Globalization;
using System.Threading.RateLimiting;
using Lgsp.Broker.Hosting;
using Lgsp.Signing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lgsp.Broker.Http;

/// <summary>
/// Request rate per access key (spec, "Limits and health"): a token bucket per key named in the
/// <c>Authorization</c> header, or per client address for requests that name none. Over it: <c>429</c> with
/// <c>Retry-After</c> and the problem code <c>TooManyRequests</c>.
/// </summary>
internal static class BrokerRateLimits
{
    public const string Policy = "broker";

    public static IServiceCollection AddBrokerRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(Policy, http =>
            {
                var options = http.RequestServices.GetRequiredService<IOptions<BrokerOptions>>().Value;
                return RateLimitPartition.GetTokenBucketLimiter(
                    PartitionKey(http),
                    _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = options.RateLimitBurst,
                        TokensPerPeriod = options.RateLimitPerSecond,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    });
            });
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
                    ? wait
                    : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await BrokerProblems.Problem(StatusCodes.Status429TooManyRequests, "TooManyRequests",
                        $"Too many requests for this access key; retry after {seconds} s.")
                    .ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }

    private static string PartitionKey(HttpContext http)
    {
        var authorization = http.Request.Headers.Authorization.ToString();
        return AuthorizationHeader.TryParse(authorization.Trim(), out var header, out _)
            ? "key:" + header.AccessKeyId
            : "ip:" + http.Connection.RemoteIpAddress;
    }
}
