namespace Lgsp.Broker.Hosting;

/// <summary>Where and how the broker runs; the host fills these in.</summary>
public sealed class BrokerOptions
{
    /// <summary>The directory holding <c>broker.db</c>.</summary>
    public string DataDirectory { get; set; } = "data";
}
