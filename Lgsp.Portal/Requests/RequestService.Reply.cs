using Lgsp.Directory;
using Lgsp.Forms.Catalog;
using Lgsp.Forms.Content;
using Lgsp.Forms.Requests;
using Lgsp.Portal.Letters;
using Microsoft.EntityFrameworkCore;

namespace Lgsp.Portal.Requests;

/// <summary>The Department's answer: drafting the reply, sending it back, approving and issuing it.</summary>
public sealed partial class RequestService
{
    /// <summary>The reply as the Specialist's editor starts it: the saved draft, or one pre-filled.</summary>
    public async Task<DepartmentReply> ReplyDraftAsync(Guid id, CancellationToken cancellationToken)
    {
        var details = await GetAsync(id, cancellationToken);
        if (details.Reply is not null)
        {
            return details.Reply;
        }

        var platform = await settings.GetAsync(cancellationToken);
        var form = (AgencyRequestForm)details.Form;
        var reply = FormFactory.NewReply(details.Summary.Kind);
        reply.Addressee = form.AgencyName;
        reply.AgencyName = form.AgencyName;
        reply.RequestNumber = form.LetterNumber;
        reply.RequestDate = form.LetterDate;
        reply.Place = platform.ProvinceName;
        reply.OtherRecipients = $"{platform.ItCentreName} (thực hiện)";
        Prefill(reply, form, details.Summary.AgencyId, platform);
        if (reply is SsoRegisteredReply sso)
        {
            // The sign-on system's addresses rarely change: start from the ones the last SSO reply gave.
            var last = await db.Requests.AsNoTracking()
                .Where(r => r.Kind == FormKind.RegisterSso && r.ReplyNumber != null && r.ReplyJson != null)
                .OrderByDescending(r => r.AnsweredUtc)
                .Select(r => r.ReplyJson)
                .FirstOrDefaultAsync(cancellationToken);
            if (last is not null && FormContent.FromJson(last) is SsoRegisteredReply previous)
            {
                sso.SsoSignInUrl = previous.SsoSignInUrl;
                sso.SsoSignOutUrl = previous.SsoSignOutUrl;
            }
        }

        return reply;
    }

    /// <summary>A Specialist saves the reply for the Director's approval.</summary>
    public async Task<Guid> DraftReplyAsync(
        Guid id, Guid version, DepartmentReply reply, CancellationToken cancellationToken)
    {
        var (me, request) = await LoadForAsync(id, version, cancellationToken);
        if (reply.GetType() != FormFactory.NewReply(request.Kind).GetType())
        {
            throw new RequestRuleException("Văn bản trả lời không đúng mẫu của hồ sơ này.");
        }

        var form = (AgencyRequestForm)FormContent.FromJson(request.FormJson);
        reply.AgencyName = form.AgencyName;
        reply.RequestNumber = form.LetterNumber;
        reply.RequestDate = form.LetterDate;
        reply.Normalize();
        var errors = reply.Check();
        if (errors.Count > 0)
        {
            throw new FormInvalidException(errors);
        }

        await issuance.CheckReplyAsync(request, reply, cancellationToken);
        var label = reply.Refused ? "Dự thảo văn bản từ chối" : null;
        await MoveAsync(me, request, RequestAction.DraftReply, label, cancellationToken);
        request.ReplyJson = reply.ToJson();
        return await SaveAsync(request, cancellationToken);
    }

    /// <summary>The Director sends the draft back to the Specialist with a comment.</summary>
    public async Task<Guid> SendBackAsync(Guid id, Guid version, string comment, CancellationToken cancellationToken)
    {
        var text = VietnameseText.Normalize(comment);
        if (text.Length == 0)
        {
            throw new RequestRuleException("Vui lòng nhập ý kiến khi trả lại dự thảo.");
        }

        var (me, request) = await LoadForAsync(id, version, cancellationToken);
        await MoveAsync(me, request, RequestAction.SendBack, text, cancellationToken);
        return await SaveAsync(request, cancellationToken);
    }

    /// <summary>
    /// The Director approves the reply, which issues it at once: it gets the Department's next number and its
    /// effects happen (keys, accounts, SSO clients issued or revoked), all in one transaction.
    /// </summary>
    public async Task<Guid> ApproveAsync(Guid id, Guid version, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (me, request) = await LoadForAsync(id, version, cancellationToken);
        await MoveAsync(me, request, RequestAction.Approve, null, cancellationToken);
        var reply = (DepartmentReply)FormContent.FromJson(request.ReplyJson
            ?? throw new RequestRuleException("Hồ sơ chưa có dự thảo trả lời."));

        var platform = await settings.GetAsync(cancellationToken);
        var today = VietnamTime.Today(time);
        var number = await issuance.NumberAsync(DocumentIssuers.Department, today.Year, cancellationToken);
        request.ReplyNumber = DocumentNumber.Format(number, SymbolOr(platform.ReplySymbol, "STTTT-CNTT&TT"));
        request.ReplyDate = today;
        request.AnsweredUtc = time.GetUtcNow().UtcDateTime;
        var issue = reply.Refused ? RequestAction.Refuse : RequestAction.Issue;
        await MoveAsync(me, request, issue, $"Số {request.ReplyNumber}", cancellationToken);
        if (!reply.Refused)
        {
            request.Outcome = await issuance.ApplyAsync(request, reply, cancellationToken);
        }

        // The reply is signed by the Director who approves it, so it prints their name whoever the draft named.
        if (!string.IsNullOrWhiteSpace(me.User.FullName))
        {
            reply.SignerName = me.User.FullName;
            request.ReplyJson = reply.ToJson();
        }

        await documents.StageAsync(request, reply, "reply", request.ReplyNumber, today,
            new DocumentSigner(me.User, reply.SignerTitle, $"{reply.SignerTitle} ký ban hành"), cancellationToken);

        var newVersion = await SaveAsync(request, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        issuance.AfterCommit(request);
        await notices.SendAsync(cancellationToken);
        return newVersion;
    }
}
