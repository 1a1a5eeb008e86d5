using Lgsp.Forms.Calendar;
using Lgsp.Forms.Catalog;
using Lgsp.Forms.Content;
using Lgsp.Forms.Requests;

namespace Lgsp.Portal.Requests;

/// <summary>A request as lists show it, with its deadline worked out for today.</summary>
public sealed record RequestSummary(
    Guid Id,
    FormKind Kind,
    string Title,
    string AgencyId,
    string AgencyName,
    RequestStatus Status,
    DateTime? SubmittedUtc,
    DateOnly? DueDate,
    int? DaysLeft,
    bool Overdue,
    string DeadlineText,
    DateTime UpdatedUtc)
{
    /// <summary>Orders lists by urgency: overdue first, then fewest working days left, then the rest by age.</summary>
    public static IOrderedEnumerable<RequestSummary> ByUrgency(IEnumerable<RequestSummary> items) => items
        .OrderByDescending(i => i.Overdue)
        .ThenBy(i => i.DaysLeft is null)
        .ThenBy(i => i.DueDate)
        .ThenByDescending(i => i.UpdatedUtc);
}

/// <summary>One step of the timeline.</summary>
public sealed record TimelineStep(DateTime OccurredUtc, string ActorName, string Label, RequestStatus StatusAfter,
    string? Comment);

/// <summary>A file attached to a request, without its bytes.</summary>
public sealed record AttachmentSummary(Guid Id, string FileName, long Size, DateTime UploadedUtc);

/// <summary>A secret issued to the agency: shown once, then only the fact that it was.</summary>
public sealed record SecretSummary(Guid Id, string Label, string Reference, DateTime? RevealedUtc, string? RevealedBy);

/// <summary>Everything the request page shows, for the person looking at it.</summary>
public sealed record RequestDetails(
    RequestSummary Summary,
    Guid Version,
    FormContent Form,
    DepartmentReply? Reply,
    HandoverMinutes? Minutes,
    string? ReplyNumber,
    DateOnly? ReplyDate,
    string? MinutesNumber,
    string? Outcome,
    string OutcomeLabel,
    DateTime? OutcomeRevokedUtc,
    IReadOnlyList<RequestAction> Actions,
    bool CanEditForm,
    bool CanRevealSecrets,
    IReadOnlyList<TimelineStep> Timeline,
    IReadOnlyList<AttachmentSummary> Attachments,
    IReadOnlyList<SecretSummary> Secrets,
    RequestSigning Signing);

/// <summary>What the person may sign on a request, and how far the minutes' signatures have come.</summary>
/// <param name="SignsOnSubmit">The person heads the agency: sending the request signs its letter.</param>
/// <param name="MustAskHead">An officer without the head's role: they ask the head to sign and send instead.</param>
/// <param name="CanSignMinutes">The agency's representative may add party B's signature to the minutes now.</param>
/// <param name="MinutesSignatures">How many parties have signed the minutes (0, 1 or 2).</param>
public sealed record RequestSigning(
    bool SignsOnSubmit,
    bool MustAskHead,
    bool CanSignMinutes,
    int MinutesSignatures);

/// <summary>How a deadline reads for a request in a given state.</summary>
internal static class DeadlineText
{
    public static (DateOnly? Due, int? DaysLeft, bool Overdue, string Text) For(
        Data.ServiceRequest request, WorkingCalendar calendar, DateOnly today)
    {
        if (request.ClockStart is not { } start || request.DueDate is not { } due)
        {
            return (null, null, false, request.Status == RequestStatus.ReturnedForCompletion ? "Tạm dừng" : "");
        }

        var deadline = new Deadline(start, due);
        if (!RequestWorkflow.ClockRuns(request.Status))
        {
            var answered = request.AnsweredUtc is { } at
                ? VietnamTime.DayOf(at)
                : today;
            return (due, null, false, deadline.IsOverdue(answered) ? "Trả lời quá hạn" : "Trả lời đúng hạn");
        }

        return (due, deadline.DaysLeft(calendar, today), deadline.IsOverdue(today), deadline.Describe(calendar, today));
    }
}
