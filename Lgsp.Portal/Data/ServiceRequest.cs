using Lgsp.Forms.Catalog;
using Lgsp.Forms.Requests;

namespace Lgsp.Portal.Data;

/// <summary>
/// A request an agency files (hồ sơ đề nghị: Mẫu 01, 03, 06, 08, 09 or 12) with its reply and handover minutes
/// as they are drafted and issued. Contents are stored as the forms library's JSON.
/// </summary>
public sealed class ServiceRequest
{
    public Guid Id { get; set; }

    public FormKind Kind { get; set; }

    public string AgencyId { get; set; } = "";

    public RequestStatus Status { get; set; }

    /// <summary>A short description for lists: the application's name, or the form's title.</summary>
    public string Title { get; set; } = "";

    public string FormJson { get; set; } = "";

    public string? ReplyJson { get; set; }

    public string? MinutesJson { get; set; }

    public string CreatedBy { get; set; } = "";

    public DateTime CreatedUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }

    public DateTime? SubmittedUtc { get; set; }

    /// <summary>The day complete information arrived (Vietnam's calendar); null while the clock is stopped.</summary>
    public DateOnly? ClockStart { get; set; }

    /// <summary>The due date computed when the clock started, kept after the answer to judge timeliness.</summary>
    public DateOnly? DueDate { get; set; }

    public DateTime? AnsweredUtc { get; set; }

    public string? AssignedSpecialist { get; set; }

    public string? ReplyNumber { get; set; }

    public DateOnly? ReplyDate { get; set; }

    public string? MinutesNumber { get; set; }

    public DateOnly? MinutesDate { get; set; }

    /// <summary>What issuing created: the access key id, the SSO client id or the account's sign-in name.</summary>
    public string? Outcome { get; set; }

    public Guid Version { get; set; }

    public List<RequestEvent> Events { get; set; } = [];

    public List<RequestAttachment> Attachments { get; set; } = [];
}

/// <summary>One step on a request's timeline: who did what, when, with what comment.</summary>
public sealed class RequestEvent
{
    public long Id { get; set; }

    public Guid RequestId { get; set; }

    public DateTime OccurredUtc { get; set; }

    public string Actor { get; set; } = "";

    public string ActorName { get; set; } = "";

    public string Label { get; set; } = "";

    public RequestStatus StatusAfter { get; set; }

    public string? Comment { get; set; }
}

/// <summary>A file attached to a request, such as a technical description.</summary>
public sealed class RequestAttachment
{
    public Guid Id { get; set; }

    public Guid RequestId { get; set; }

    public string FileName { get; set; } = "";

    public string ContentType { get; set; } = "";

    public long Size { get; set; }

    public byte[] Content { get; set; } = [];

    public string UploadedBy { get; set; } = "";

    public DateTime UploadedUtc { get; set; }
}

/// <summary>The last document number an issuing body used in a year.</summary>
public sealed class DocumentCounter
{
    public string Issuer { get; set; } = "";

    public int Year { get; set; }

    public int Last { get; set; }
}

/// <summary>
/// A secret issued to an agency by a request (secret key, SSO client secret, one-time password), kept encrypted
/// until someone of that agency reveals it once; then only the fact of the reveal remains.
/// </summary>
public sealed class OneTimeSecret
{
    public Guid Id { get; set; }

    public Guid RequestId { get; set; }

    public string Label { get; set; } = "";

    /// <summary>The public half shown beside it (access key id, client id, sign-in name).</summary>
    public string Reference { get; set; } = "";

    public string? ProtectedValue { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime? RevealedUtc { get; set; }

    public string? RevealedBy { get; set; }
}

/// <summary>An application registered with the provincial single sign-on by the Mẫu 08 workflow.</summary>
public sealed class SsoClientRecord
{
    public string ClientId { get; set; } = "";

    public string AgencyId { get; set; } = "";

    public string Name { get; set; } = "";

    public string ProtectedSecret { get; set; } = "";

    /// <summary>Sign-in callback addresses, one per line.</summary>
    public string CallbackUrls { get; set; } = "";

    /// <summary>Addresses after sign-out, one per line.</summary>
    public string SignOutUrls { get; set; } = "";

    public Guid RequestId { get; set; }

    public DateTime IssuedUtc { get; set; }

    public DateTime? RevokedUtc { get; set; }
}

/// <summary>A dated exception to the working week entered by an administrator.</summary>
public sealed class CalendarDayRecord
{
    public DateOnly Date { get; set; }

    public Forms.Calendar.CalendarDayKind Kind { get; set; }

    public string Name { get; set; } = "";
}

/// <summary>A year whose schedule an administrator confirmed; its days are the stored ones, not the defaults.</summary>
public sealed class CalendarYearRecord
{
    public int Year { get; set; }

    public DateTime ConfirmedUtc { get; set; }

    public string ConfirmedBy { get; set; } = "";
}

/// <summary>A message to one user inside the portal (deadline reminders, overdue warnings).</summary>
public sealed class PortalNotification
{
    public long Id { get; set; }

    public string UserId { get; set; } = "";

    public string Text { get; set; } = "";

    public string? Link { get; set; }

    /// <summary>Makes a repeated job run harmless: one notification per key and user.</summary>
    public string Key { get; set; } = "";

    public DateTime CreatedUtc { get; set; }

    public DateTime? ReadUtc { get; set; }
}
