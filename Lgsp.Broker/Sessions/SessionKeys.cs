using System.Security.Cryptography;
using System.Text;
using Lgsp.Broker.Applications;
using Lgsp.Broker.Directory;
using Lgsp.Broker.Http;
using Lgsp.Broker.Storage;
using Lgsp.Directory;
using LiteDB;

namespace Lgsp.Broker.Sessions;

/// <summary>A session key (khóa phiên) as stored: only its hash, never the token itself.</summary>
public sealed class SessionRecord
{
    public string Id { get; set; } = "";

    public string SourceKeyId { get; set; } = "";

    public string SourceAgencyId { get; set; } = "";

    /// <summary>The destination as asked: an agency identifier or an application's access key id.</summary>
    public string Destination { get; set; } = "";

    public string Scope { get; set; } = "";

    public DateTime ExpiresUtc { get; set; }
}

/// <summary>Body of <c>POST /api/v1/auth/sessions</c>.</summary>
public sealed record SessionRequest(string? Destination, string? Scope);

/// <summary>Answer of <c>POST /api/v1/auth/sessions</c>; the token is shown here only.</summary>
public sealed record IssuedSession(
    string SessionToken,
    DateTime ExpiresAt,
    string Source,
    string Destination,
    string Scope);

/// <summary>Body of <c>POST /api/v1/auth/introspect</c>.</summary>
public sealed record IntrospectionRequest(string? SessionToken, string? Source);

/// <summary>Answer of <c>POST /api/v1/auth/introspect</c>.</summary>
public sealed record Introspection(
    bool Active,
    string? Source,
    string? Destination,
    string? Scope,
    DateTime? ExpiresAt);

/// <summary>
/// Access authentication between applications (Điều 11): a source obtains a short-lived session key for a
/// destination's service, calls the destination with it, and the destination asks here whether it is genuine.
/// Tokens are opaque, stored hashed, and die with the key that made them.
/// </summary>
public sealed class SessionKeys(
    BrokerStore store,
    IApplicationRegistry registry,
    IAgencyLookup directory,
    TimeProvider time)
{
    /// <summary>How long a session key lives.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    private readonly ILiteCollection<SessionRecord> _sessions = store.Database.GetCollection<SessionRecord>("sessions");

    public async Task<IssuedSession> IssueAsync(
        RegisteredApplication caller,
        SessionRequest request,
        CancellationToken cancellationToken)
    {
        var destination = (request.Destination ?? "").Trim();
        var scope = VietnameseText.Normalize(request.Scope);
        if (destination.Length == 0 || scope.Length is 0 or > 200)
        {
            throw new BrokerException(
                400,
                "InvalidRequest",
                "destination and scope (at most 200 characters) are required.");
        }

        if (!await IsReachableAsync(destination, cancellationToken))
        {
            throw new BrokerException(403, "AccessDenied", "This application may not reach that destination.");
        }

        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var record = new SessionRecord
        {
            Id = Hash(token),
            SourceKeyId = caller.AccessKeyId,
            SourceAgencyId = caller.AgencyId,
            Destination = destination,
            Scope = scope,
            ExpiresUtc = time.GetUtcNow().UtcDateTime + Lifetime,
        };
        await store.RunAsync(() => _sessions.Insert(record), cancellationToken);
        return new IssuedSession(token, record.ExpiresUtc, caller.AccessKeyId, destination, scope);
    }

    /// <summary>
    /// Whether a token is genuine, asked by its destination. Anyone else, like an expired or revoked token,
    /// learns only that it is not active.
    /// </summary>
    public async Task<Introspection> IntrospectAsync(
        RegisteredApplication caller,
        IntrospectionRequest request,
        CancellationToken cancellationToken)
    {
        var inactive = new Introspection(false, null, null, null, null);
        if (string.IsNullOrWhiteSpace(request.SessionToken))
        {
            return inactive;
        }

        var id = Hash(request.SessionToken.Trim());
        var record = await store.RunAsync(() => _sessions.FindById(id), cancellationToken);
        var isDestination = record is not null
            && (record.Destination == caller.AccessKeyId
                || record.Destination.Equals(caller.AgencyId, StringComparison.OrdinalIgnoreCase));
        if (record is null || !isDestination || record.ExpiresUtc <= time.GetUtcNow().UtcDateTime
            || (request.Source is { Length: > 0 } source
                && source != record.SourceKeyId && source != record.SourceAgencyId)
            || await registry.FindActiveAsync(record.SourceKeyId, cancellationToken) is null)
        {
            return inactive;
        }

        return new Introspection(true, record.SourceKeyId, record.Destination, record.Scope, record.ExpiresUtc);
    }

    private async Task<bool> IsReachableAsync(string destination, CancellationToken cancellationToken)
    {
        if (AgencyIdentifier.TryParse(destination, out _, out _))
        {
            var agency = await directory.FindAsync(destination, cancellationToken);
            return agency?.Status == AgencyStatus.Active;
        }

        return await registry.FindActiveAsync(destination, cancellationToken) is not null;
    }

    private static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
