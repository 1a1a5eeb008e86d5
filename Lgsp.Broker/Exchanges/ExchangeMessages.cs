namespace Lgsp.Broker.Exchanges;

/// <summary>Body of <c>POST /api/v1/exchanges</c>.</summary>
public sealed record CreateExchangeRequest(
    IReadOnlyList<string>? To,
    string? Title,
    string? Priority,
    string? DataType,
    string? Protocol,
    string? ContentType,
    long? Size,
    string? Sha256);

/// <summary>One destination in a creation answer: the agency asked for and the one that will receive.</summary>
public sealed record RoutedRecipient(string Requested, string AgencyId, bool Routed);

/// <summary>Answer of <c>POST /api/v1/exchanges</c>.</summary>
public sealed record CreatedExchange(
    string Id,
    string UploadUrl,
    string PolicyUrl,
    DateTime ExpiresAt,
    long MaxBytes,
    IReadOnlyList<RoutedRecipient> Recipients);

/// <summary>Body of <c>PUT {policyUrl}</c>; durations are ISO 8601 (<c>P1D</c>, <c>PT2H</c>).</summary>
public sealed record PolicyRequest(
    DateTime? DeliverBy,
    string? UndeliverableAfter,
    string? ExpiresAfter,
    IReadOnlyList<string>? Notify);

/// <summary>One recipient in an exchange's status.</summary>
public sealed record RecipientView(
    string AgencyId,
    string? RoutedFrom,
    string Status,
    DateTime? OfferedAt,
    DateTime? ReceivingAt,
    DateTime? DeliveredAt,
    DateTime? RejectedAt,
    string? RejectionReason);

/// <summary>Answer of <c>GET /api/v1/exchanges/{id}</c>: metadata only, never content.</summary>
public sealed record ExchangeView(
    string Id,
    string From,
    string Title,
    string Priority,
    string DataType,
    string? ContentType,
    string Status,
    string? Sha256,
    long? Size,
    DateTime CreatedAt,
    DateTime? SubmittedAt,
    DateTime ExpiresAt,
    bool ContentErased,
    IReadOnlyList<RecipientView> Recipients);

/// <summary>One line of <c>GET /api/v1/inbox</c>.</summary>
public sealed record InboxItem(
    string Id,
    string From,
    string Title,
    string Priority,
    string DataType,
    string? Sha256,
    long? Size,
    DateTime? SubmittedAt,
    string Status);

/// <summary>Answer of <c>POST /api/v1/exchanges/{id}/ready</c>.</summary>
/// <param name="DataType">What the download holds: the type sent, or the one it was converted to.</param>
public sealed record ReadyResponse(string DownloadUrl, string Sha256, long Size, DateTime ExpiresAt, string DataType);

/// <summary>Body of <c>POST /api/v1/exchanges/{id}/ack</c>.</summary>
public sealed record AckRequest(string? Sha256);

/// <summary>Body of <c>POST /api/v1/exchanges/{id}/reject</c>.</summary>
public sealed record RejectRequest(string? Reason);
