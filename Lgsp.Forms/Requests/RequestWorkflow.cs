using Lgsp.Forms.Catalog;

namespace Lgsp.Forms.Requests;

/// <summary>Who performs an action: the requesting agency, a Specialist or the Director.</summary>
public enum WorkflowParty
{
    /// <summary>An officer or the head of the agency that filed the request.</summary>
    Agency,

    /// <summary>A Specialist of the IT centre.</summary>
    Specialist,

    /// <summary>The Director of the Department.</summary>
    Director,
}

/// <summary>Thrown when an action is not allowed in the request's state; the message is Vietnamese.</summary>
public sealed class IllegalTransitionException(string message) : InvalidOperationException(message);

/// <summary>
/// The workflow every request follows, as one table: Draft → Submitted → ReturnedForCompletion (and back) or
/// Accepted → ReplyDrafted → ReplySentBack (and redrafted) or Approved → Issued or Refused; account requests
/// (Mẫu 03, 09) go on from Issued to HandoverScheduled → Completed. Anything not in the table is refused here,
/// whatever a page offers.
/// </summary>
public static class RequestWorkflow
{
    private static readonly (RequestStatus From, RequestAction Action, RequestStatus To, WorkflowParty By)[] Table =
    [
        (RequestStatus.Draft, RequestAction.Submit, RequestStatus.Submitted, WorkflowParty.Agency),
        (RequestStatus.Draft, RequestAction.Withdraw, RequestStatus.Withdrawn, WorkflowParty.Agency),
        (RequestStatus.ReturnedForCompletion, RequestAction.Submit, RequestStatus.Submitted, WorkflowParty.Agency),
        (RequestStatus.ReturnedForCompletion, RequestAction.Withdraw, RequestStatus.Withdrawn, WorkflowParty.Agency),
        (RequestStatus.Submitted, RequestAction.ReturnForCompletion, RequestStatus.ReturnedForCompletion,
            WorkflowParty.Specialist),
        (RequestStatus.Submitted, RequestAction.Accept, RequestStatus.Accepted, WorkflowParty.Specialist),
        (RequestStatus.Accepted, RequestAction.DraftReply, RequestStatus.ReplyDrafted, WorkflowParty.Specialist),
        (RequestStatus.ReplySentBack, RequestAction.DraftReply, RequestStatus.ReplyDrafted, WorkflowParty.Specialist),
        (RequestStatus.ReplyDrafted, RequestAction.DraftReply, RequestStatus.ReplyDrafted, WorkflowParty.Specialist),
        (RequestStatus.ReplyDrafted, RequestAction.SendBack, RequestStatus.ReplySentBack, WorkflowParty.Director),
        (RequestStatus.ReplyDrafted, RequestAction.Approve, RequestStatus.Approved, WorkflowParty.Director),
        (RequestStatus.Approved, RequestAction.Issue, RequestStatus.Issued, WorkflowParty.Director),
        (RequestStatus.Approved, RequestAction.Refuse, RequestStatus.Refused, WorkflowParty.Director),
        (RequestStatus.Issued, RequestAction.ScheduleHandover, RequestStatus.HandoverScheduled,
            WorkflowParty.Specialist),
        (RequestStatus.HandoverScheduled, RequestAction.ScheduleHandover, RequestStatus.HandoverScheduled,
            WorkflowParty.Specialist),
        (RequestStatus.HandoverScheduled, RequestAction.RecordHandover, RequestStatus.Completed,
            WorkflowParty.Specialist),
    ];

    /// <summary>The state an action leads to, or <see cref="IllegalTransitionException"/> when not allowed.</summary>
    public static RequestStatus Next(FormKind kind, RequestStatus from, RequestAction action)
    {
        var step = Find(kind, from, action) ?? throw new IllegalTransitionException(
            $"Không thể \"{ActionLabel(action).ToLowerInvariant()}\" hồ sơ đang ở trạng thái " +
            $"\"{StatusLabel(from).ToLowerInvariant()}\".");
        return step.To;
    }

    /// <summary>Who may perform an action from a state, or null when the action is not allowed there.</summary>
    public static WorkflowParty? PartyFor(FormKind kind, RequestStatus from, RequestAction action) =>
        Find(kind, from, action)?.By;

    /// <summary>The actions possible from a state, for a party.</summary>
    public static IReadOnlyList<RequestAction> ActionsFor(FormKind kind, RequestStatus from, WorkflowParty party) =>
        Table.Where(t => t.From == from && t.By == party && Applies(kind, t.Action))
            .Select(t => t.Action)
            .ToList();

    /// <summary>True when the answer deadline counts in this state.</summary>
    public static bool ClockRuns(RequestStatus status) => status is RequestStatus.Submitted or RequestStatus.Accepted
        or RequestStatus.ReplyDrafted or RequestStatus.ReplySentBack or RequestStatus.Approved;

    /// <summary>True when nothing more can happen to the request.</summary>
    public static bool IsFinal(FormKind kind, RequestStatus status) =>
        !Table.Any(t => t.From == status && Applies(kind, t.Action));

    /// <summary>True for the requests that end in a handover of an account (Mẫu 03 and 09).</summary>
    public static bool HasHandover(FormKind kind) =>
        kind is FormKind.RequestLgspAccount or FormKind.RequestSsoAccount;

    /// <summary>The Vietnamese name of a state, as lists show it.</summary>
    public static string StatusLabel(RequestStatus status) => status switch
    {
        RequestStatus.Draft => "Bản nháp",
        RequestStatus.Submitted => "Đã gửi, chờ tiếp nhận",
        RequestStatus.ReturnedForCompletion => "Yêu cầu bổ sung",
        RequestStatus.Accepted => "Đã tiếp nhận",
        RequestStatus.ReplyDrafted => "Chờ Giám đốc phê duyệt",
        RequestStatus.ReplySentBack => "Dự thảo bị trả lại",
        RequestStatus.Approved => "Đã phê duyệt",
        RequestStatus.Issued => "Đã ban hành",
        RequestStatus.HandoverScheduled => "Đã hẹn bàn giao",
        RequestStatus.Completed => "Hoàn thành",
        RequestStatus.Refused => "Từ chối",
        RequestStatus.Withdrawn => "Đã rút",
        _ => status.ToString(),
    };

    /// <summary>The Vietnamese name of an action, as buttons and the timeline show it.</summary>
    public static string ActionLabel(RequestAction action) => action switch
    {
        RequestAction.Submit => "Gửi hồ sơ",
        RequestAction.Withdraw => "Rút hồ sơ",
        RequestAction.ReturnForCompletion => "Yêu cầu bổ sung",
        RequestAction.Accept => "Tiếp nhận",
        RequestAction.DraftReply => "Soạn dự thảo trả lời",
        RequestAction.SendBack => "Trả lại dự thảo",
        RequestAction.Approve => "Phê duyệt",
        RequestAction.Issue => "Ban hành",
        RequestAction.Refuse => "Ban hành văn bản từ chối",
        RequestAction.ScheduleHandover => "Hẹn bàn giao",
        RequestAction.RecordHandover => "Ghi nhận bàn giao",
        _ => action.ToString(),
    };

    private static (RequestStatus From, RequestAction Action, RequestStatus To, WorkflowParty By)? Find(
        FormKind kind, RequestStatus from, RequestAction action)
    {
        if (FormCatalog.Get(kind).Issuer != FormIssuer.Agency || !Applies(kind, action))
        {
            return null;
        }

        foreach (var step in Table)
        {
            if (step.From == from && step.Action == action)
            {
                return step;
            }
        }

        return null;
    }

    private static bool Applies(FormKind kind, RequestAction action) =>
        action is not (RequestAction.ScheduleHandover or RequestAction.RecordHandover) || HasHandover(kind);
}
