using Lgsp.Forms.Catalog;
using Lgsp.Forms.Requests;

namespace Lgsp.Tests.Forms;

public sealed class RequestWorkflowTests
{
    private static readonly (RequestStatus From, RequestAction Action, RequestStatus To)[] Legal =
    [
        (RequestStatus.Draft, RequestAction.Submit, RequestStatus.Submitted),
        (RequestStatus.Draft, RequestAction.Withdraw, RequestStatus.Withdrawn),
        (RequestStatus.ReturnedForCompletion, RequestAction.Submit, RequestStatus.Submitted),
        (RequestStatus.ReturnedForCompletion, RequestAction.Withdraw, RequestStatus.Withdrawn),
        (RequestStatus.Submitted, RequestAction.ReturnForCompletion, RequestStatus.ReturnedForCompletion),
        (RequestStatus.Submitted, RequestAction.Accept, RequestStatus.Accepted),
        (RequestStatus.Accepted, RequestAction.DraftReply, RequestStatus.ReplyDrafted),
        (RequestStatus.ReplySentBack, RequestAction.DraftReply, RequestStatus.ReplyDrafted),
        (RequestStatus.ReplyDrafted, RequestAction.DraftReply, RequestStatus.ReplyDrafted),
        (RequestStatus.ReplyDrafted, RequestAction.SendBack, RequestStatus.ReplySentBack),
        (RequestStatus.ReplyDrafted, RequestAction.Approve, RequestStatus.Approved),
        (RequestStatus.Approved, RequestAction.Issue, RequestStatus.Issued),
        (RequestStatus.Approved, RequestAction.Refuse, RequestStatus.Refused),
    ];

    private static readonly (RequestStatus From, RequestAction Action, RequestStatus To)[] Handover =
    [
        (RequestStatus.Issued, RequestAction.ScheduleHandover, RequestStatus.HandoverScheduled),
        (RequestStatus.HandoverScheduled, RequestAction.ScheduleHandover, RequestStatus.HandoverScheduled),
        (RequestStatus.HandoverScheduled, RequestAction.RecordHandover, RequestStatus.Completed),
    ];

    public static TheoryData<FormKind> Requests => [.. FormCatalog.Requests.Select(f => f.Kind)];

    [Theory]
    [MemberData(nameof(Requests))]
    public void Next_EveryStateAndAction_IsLegalExactlyWhenTheTableSaysSo(FormKind kind)
    {
        var legal = RequestWorkflow.HasHandover(kind) ? [.. Legal, .. Handover] : Legal;

        foreach (var from in Enum.GetValues<RequestStatus>())
        {
            foreach (var action in Enum.GetValues<RequestAction>())
            {
                var expected = legal.Where(t => t.From == from && t.Action == action).Select(t => (RequestStatus?)t.To)
                    .SingleOrDefault();
                if (expected is { } to)
                {
                    Assert.Equal(to, RequestWorkflow.Next(kind, from, action));
                }
                else
                {
                    var refused = Assert.Throws<IllegalTransitionException>(
                        () => RequestWorkflow.Next(kind, from, action));
                    Assert.StartsWith("Không thể", refused.Message, StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public void Next_HandoverOfACancellation_IsRefused()
    {
        Assert.Throws<IllegalTransitionException>(() =>
            RequestWorkflow.Next(FormKind.CancelApplication, RequestStatus.Issued, RequestAction.ScheduleHandover));
        Assert.True(RequestWorkflow.IsFinal(FormKind.CancelApplication, RequestStatus.Issued));
        Assert.False(RequestWorkflow.IsFinal(FormKind.RequestLgspAccount, RequestStatus.Issued));
    }

    [Fact]
    public void Next_OnAReplyForm_IsRefused()
    {
        Assert.Throws<IllegalTransitionException>(() =>
            RequestWorkflow.Next(FormKind.ApplicationRegistered, RequestStatus.Draft, RequestAction.Submit));
    }

    [Fact]
    public void ActionsFor_GivesEachPartyOnlyItsOwnSteps()
    {
        Assert.Equal(
            [RequestAction.ReturnForCompletion, RequestAction.Accept],
            RequestWorkflow.ActionsFor(
                FormKind.RegisterApplication, RequestStatus.Submitted, WorkflowParty.Specialist));
        Assert.Empty(
            RequestWorkflow.ActionsFor(FormKind.RegisterApplication, RequestStatus.Submitted, WorkflowParty.Agency));
        Assert.Equal(
            [RequestAction.SendBack, RequestAction.Approve],
            RequestWorkflow.ActionsFor(
                FormKind.RegisterApplication, RequestStatus.ReplyDrafted, WorkflowParty.Director));
    }

    [Fact]
    public void ClockRuns_StopsWhileReturnedAndAfterTheAnswer()
    {
        Assert.True(RequestWorkflow.ClockRuns(RequestStatus.Submitted));
        Assert.True(RequestWorkflow.ClockRuns(RequestStatus.Approved));
        Assert.False(RequestWorkflow.ClockRuns(RequestStatus.ReturnedForCompletion));
        Assert.False(RequestWorkflow.ClockRuns(RequestStatus.Issued));
        Assert.False(RequestWorkflow.ClockRuns(RequestStatus.Draft));
    }
}
