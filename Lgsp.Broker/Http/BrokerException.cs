namespace Lgsp.Broker.Http;

/// <summary>A refusal with the contract's status and code; endpoints turn it into a problem response.</summary>
public sealed class BrokerException(int status, string code, string detail, IDictionary<string, object?>? extra = null)
    : Exception(detail)
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    public IDictionary<string, object?>? Extra { get; } = extra;

    /// <summary>404 for anything the caller may not see: others' exchanges are indistinguishable from none.</summary>
    public static BrokerException NotFound() =>
        new(404, "NotFound", "There is no such exchange for this application.");
}
