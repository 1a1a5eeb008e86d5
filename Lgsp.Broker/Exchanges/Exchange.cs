namespace Lgsp.Broker.Exchanges;

/// <summary>Where one recipient stands with an exchange (spec, "Exchanges").</summary>
public enum RecipientStatus
{
    Allocated,
    Uploaded,
    Offered,
    Receiving,
    Delivered,
    Rejected,
    Expired,
    Undeliverable,
    Failed,
}

/// <summary>How urgent an exchange is; the inbox serves higher priorities first.</summary>
public enum Priority
{
    Low,
    Normal,
    High,
    Urgent,
}

/// <summary>One destination of an exchange, by agency.</summary>
public sealed class Recipient
{
    /// <summary>The agency the package goes to (a successor when the requested one was retired).</summary>
    public string AgencyId { get; set; } = "";

    /// <summary>The identifier the source asked for, when routing changed it.</summary>
    public string? RoutedFrom { get; set; }

    public RecipientStatus Status { get; set; }

    public DateTime? OfferedUtc { get; set; }

    public DateTime? ReceivingUtc { get; set; }

    public DateTime? DeliveredUtc { get; set; }

    public DateTime? RejectedUtc { get; set; }

    public string? RejectionReason { get; set; }

    /// <summary>When the recipient reached its final status (delivered, rejected, expired, undeliverable).</summary>
    public DateTime? FinishedUtc { get; set; }

    /// <summary>
    /// For a recipient that accepts only another data type, the type it receives (json or xml) and the hash and
    /// size of the converted content kept for it; null when it receives the content as sent.
    /// </summary>
    public string? ConvertedTo { get; set; }

    public string? ConvertedSha256 { get; set; }

    public long? ConvertedSize { get; set; }

    /// <summary>Whether nothing more can happen to this recipient.</summary>
    public bool IsFinal => IsFinalStatus(Status);

    /// <summary>Whether <paramref name="status"/> is one in which nothing more can happen to a recipient.</summary>
    public static bool IsFinalStatus(RecipientStatus status) => status is RecipientStatus.Delivered
        or RecipientStatus.Rejected or RecipientStatus.Expired or RecipientStatus.Undeliverable
        or RecipientStatus.Failed;
}

/// <summary>The source's delivery policy (spec, <c>PUT {policyUrl}</c>).</summary>
public sealed class DeliveryPolicy
{
    public DateTime? DeliverByUtc { get; set; }

    /// <summary>How long a recipient may stay offline before it is Undeliverable; default one day.</summary>
    public TimeSpan UndeliverableAfter { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long after submission undelivered content is kept; null keeps the allocation's expiry.</summary>
    public TimeSpan? ExpiresAfter { get; set; }

    public List<string> Notify { get; set; } = ["delivered", "rejected", "undeliverable"];
}

/// <summary>
/// An exchange (gói tin trao đổi): a package from one application to one or more agencies, with its metadata,
/// hash and times. Its content lives beside it in storage until delivery completes or it expires (Điều 5.3).
/// </summary>
public sealed class Exchange
{
    public string Id { get; set; } = "";

    public string SourceKeyId { get; set; } = "";

    public string SourceAgencyId { get; set; } = "";

    public string Title { get; set; } = "";

    public Priority Priority { get; set; } = Priority.Normal;

    public string DataType { get; set; } = "";

    public string Protocol { get; set; } = "https";

    public string? ContentType { get; set; }

    public long? DeclaredSize { get; set; }

    public string? DeclaredSha256 { get; set; }

    public string? IdempotencyKey { get; set; }

    /// <summary>A hash of the creating request, to tell a retry from a reuse of the same idempotency key.</summary>
    public string? RequestFingerprint { get; set; }

    public long MaxBytes { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime ExpiresUtc { get; set; }

    public DateTime? UploadedUtc { get; set; }

    public string? Sha256 { get; set; }

    public long? Size { get; set; }

    public DateTime? SubmittedUtc { get; set; }

    public DateTime? ContentErasedUtc { get; set; }

    public DeliveryPolicy Policy { get; set; } = new();

    public List<Recipient> Recipients { get; set; } = [];

    /// <summary>The recipient entry of <paramref name="agencyId"/>, or null.</summary>
    public Recipient? RecipientOf(string agencyId) => Recipients.FirstOrDefault(r => r.AgencyId == agencyId);
}
