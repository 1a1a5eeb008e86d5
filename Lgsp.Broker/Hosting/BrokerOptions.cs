namespace Lgsp.Broker.Hosting;

/// <summary>Where and how the broker runs; the host fills these in (configuration section <c>Broker</c>).</summary>
public sealed class BrokerOptions
{
    /// <summary>The directory holding <c>broker.db</c>.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>The SigV4 region of the credential scope (the contract names the province's).</summary>
    public string Region { get; set; } = "bacgiang";

    /// <summary>The SigV4 service of the credential scope.</summary>
    public string Service { get; set; } = "broker";

    /// <summary>How far a request's signing time may be from the server's clock.</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The largest content an exchange may carry; 256 MiB by default.</summary>
    public long MaxContentBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>How long an allocated exchange waits for upload and submission before it expires.</summary>
    public TimeSpan AllocationLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Requests per second each access key may make, sustained.</summary>
    public int RateLimitPerSecond { get; set; } = 200;

    /// <summary>Requests an access key may make at once after a quiet period.</summary>
    public int RateLimitBurst { get; set; } = 400;
}
