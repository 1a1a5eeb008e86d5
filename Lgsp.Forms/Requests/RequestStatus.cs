namespace Lgsp.Forms.Requests;

/// <summary>Where a request (hồ sơ đề nghị) stands in its workflow.</summary>
public enum RequestStatus
{
    /// <summary>The agency is still writing it (bản nháp).</summary>
    Draft,

    /// <summary>Sent to the Department, waiting for a Specialist to check it (đã gửi).</summary>
    Submitted,

    /// <summary>Sent back to the agency to complete (yêu cầu bổ sung); the deadline clock is stopped.</summary>
    ReturnedForCompletion,

    /// <summary>Complete and accepted (đã tiếp nhận); the Specialist prepares the reply.</summary>
    Accepted,

    /// <summary>The reply is drafted and waits for the Director (chờ phê duyệt).</summary>
    ReplyDrafted,

    /// <summary>The Director sent the draft back to the Specialist with a comment (trả lại dự thảo).</summary>
    ReplySentBack,

    /// <summary>The Director approved and signed the reply (đã phê duyệt).</summary>
    Approved,

    /// <summary>The reply is issued to the agency with its number (đã ban hành).</summary>
    Issued,

    /// <summary>The handover of an account is scheduled (đã hẹn bàn giao).</summary>
    HandoverScheduled,

    /// <summary>The handover is recorded by both parties (hoàn thành).</summary>
    Completed,

    /// <summary>The Department refused the request, by a letter with the reason (từ chối).</summary>
    Refused,

    /// <summary>The agency withdrew a request it had not yet had accepted (đã rút).</summary>
    Withdrawn,
}

/// <summary>What a person does to a request.</summary>
public enum RequestAction
{
    /// <summary>The agency sends the request, first time or after completing it.</summary>
    Submit,

    /// <summary>The agency withdraws a draft or a request sent back for completion.</summary>
    Withdraw,

    /// <summary>A Specialist returns an incomplete request, with the reason.</summary>
    ReturnForCompletion,

    /// <summary>A Specialist accepts a complete request; the deadline counts from the day it arrived.</summary>
    Accept,

    /// <summary>A Specialist drafts (or redrafts) the reply.</summary>
    DraftReply,

    /// <summary>The Director sends the draft back to the Specialist, with a comment.</summary>
    SendBack,

    /// <summary>The Director approves and signs the reply.</summary>
    Approve,

    /// <summary>The approved reply is issued with its number, and its effects happen.</summary>
    Issue,

    /// <summary>The approved refusal is issued with its number.</summary>
    Refuse,

    /// <summary>A Specialist schedules (or reschedules) the handover of an account.</summary>
    ScheduleHandover,

    /// <summary>A Specialist records the handover as done, with both parties.</summary>
    RecordHandover,
}
