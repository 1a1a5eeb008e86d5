using Lgsp.Directory;
using Lgsp.Forms.Calendar;
using Lgsp.Forms.Catalog;
using Lgsp.Forms.Content;
using Lgsp.Forms.Requests;
using Lgsp.Portal.Audit;
using Lgsp.Portal.Data;
using Lgsp.Portal.Identity;
using Lgsp.Portal.Letters;
using Lgsp.Portal.Settings;
using Microsoft.EntityFrameworkCore;

namespace Lgsp.Portal.Requests;

/// <summary>
/// The requests' workflow as the portal runs it: agencies draft, attach, submit and withdraw; Specialists
/// return, accept and draft replies; the Director sends back or approves, which issues. Each step checks the
/// acting person's roles in the database, the request's version (optimistic concurrency) and the workflow table,
/// and is written with its timeline step and audit entry in one transaction.
/// </summary>
public sealed partial class RequestService(
    PortalDbContext db,
    RequestActors actors,
    AuditLog audit,
    SettingsService settings,
    CalendarService calendars,
    RequestIssuance issuance,
    RequestNotices notices,
    Letters.IssuedDocuments documents,
    TimeProvider time)
{
    /// <summary>The largest file an agency can attach.</summary>
    public const long MaxAttachmentBytes = 10 * 1024 * 1024;

    /// <summary>The most files one request carries.</summary>
    public const int MaxAttachments = 20;

    private static readonly string[] AttachmentExtensions =
        [".pdf", ".doc", ".docx", ".odt", ".xls", ".xlsx", ".zip", ".png", ".jpg", ".jpeg", ".txt", ".xml", ".json"];

    /// <summary>
    /// The requests the current person may see, most urgent first: their agency's, or for staff every request
    /// that has been submitted.
    /// </summary>
    public async Task<IReadOnlyList<RequestSummary>> ListAsync(CancellationToken cancellationToken)
    {
        var me = await actors.CurrentAsync(cancellationToken);
        var query = db.Requests.AsNoTracking();
        if (me.IsStaff)
        {
            query = query.Where(r => r.Status != RequestStatus.Draft && r.Status != RequestStatus.Withdrawn
                || r.AgencyId == me.User.AgencyId);
        }
        else if (me.User.AgencyId is { } agency && me.BelongsTo(agency))
        {
            query = query.Where(r => r.AgencyId == agency);
        }
        else
        {
            return [];
        }

        var requests = await query.ToListAsync(cancellationToken);
        var names = await AgencyNamesAsync(requests.Select(r => r.AgencyId), cancellationToken);
        var today = VietnamTime.Today(time);
        var calendar = await calendars.LoadAsync(today, cancellationToken);
        return [.. RequestSummary.ByUrgency(requests.Select(r => Summarize(r, names, calendar, today, me.IsStaff)))];
    }

    /// <summary>Whether the current person may see the request (another agency's is as absent as none).</summary>
    public async Task<bool> IsVisibleAsync(Guid id, CancellationToken cancellationToken) =>
        await FindVisibleAsync(db.Requests.AsNoTracking(), id, cancellationToken) is not null;

    /// <summary>One request with all its page shows; <see cref="RequestNotFoundException"/> for others'.</summary>
    public async Task<RequestDetails> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var (me, request) =
            await VisibleAsync(db.Requests.AsNoTracking().Include(r => r.Events), id, cancellationToken);

        var attachments = await db.RequestAttachments.AsNoTracking()
            .Where(a => a.RequestId == id)
            .OrderBy(a => a.UploadedUtc)
            .Select(a => new AttachmentSummary(a.Id, a.FileName, a.Size, a.UploadedUtc))
            .ToListAsync(cancellationToken);
        var secrets = await db.OneTimeSecrets.AsNoTracking()
            .Where(s => s.RequestId == id)
            .OrderBy(s => s.CreatedUtc)
            .Select(s => new SecretSummary(s.Id, s.Label, s.Reference, s.RevealedUtc, s.RevealedBy))
            .ToListAsync(cancellationToken);
        var names = await AgencyNamesAsync([request.AgencyId], cancellationToken);
        var today = VietnamTime.Today(time);
        var calendar = await calendars.LoadAsync(today, cancellationToken);
        var parties = me.PartiesFor(request).ToList();
        var actions = parties
            .SelectMany(p => RequestWorkflow.ActionsFor(request.Kind, request.Status, p))
            .Where(a => a is not (RequestAction.Issue or RequestAction.Refuse))
            .Distinct()
            .ToList();
        // The Department's drafts and the Director's comments on them are internal until the reply is issued.
        var internalView = me.IsStaff;
        var minutesSignatures = (await documents.FindAsync(request.Id, "minutes", cancellationToken))?.Signatures ?? 0;
        var isHead = me.Roles.Contains(Roles.AgencyHead);
        var signing = new RequestSigning(
            parties.Contains(WorkflowParty.Agency) && isHead,
            parties.Contains(WorkflowParty.Agency) && !isHead,
            parties.Contains(WorkflowParty.Agency) && minutesSignatures == 1,
            minutesSignatures);
        var replyVisible = request.ReplyJson is not null && (internalView || request.ReplyNumber is not null);
        return new RequestDetails(
            Summarize(request, names, calendar, today, internalView),
            request.Version,
            FormContent.FromJson(request.FormJson),
            replyVisible ? (DepartmentReply)FormContent.FromJson(request.ReplyJson!) : null,
            request.MinutesJson is null ? null : (HandoverMinutes)FormContent.FromJson(request.MinutesJson),
            request.ReplyNumber,
            request.ReplyDate,
            request.MinutesNumber,
            request.Outcome,
            OutcomeLabel(request.Kind),
            await RevokedAsync(request, cancellationToken),
            actions,
            parties.Contains(WorkflowParty.Agency) && IsEditable(request.Status),
            parties.Contains(WorkflowParty.Agency),
            [.. request.Events.OrderBy(e => e.OccurredUtc).ThenBy(e => e.Id)
                .Where(e => internalView || !IsInternal(e.StatusAfter))
                .Select(e => new TimelineStep(e.OccurredUtc, e.ActorName, e.Label, e.StatusAfter, e.Comment))],
            attachments,
            secrets,
            signing);
    }

    /// <summary>Starts a draft of a request form for the acting person's agency, pre-filled where it can be.</summary>
    public async Task<Guid> CreateDraftAsync(FormKind kind, CancellationToken cancellationToken)
    {
        var me = await actors.CurrentAsync(cancellationToken);
        if (me.User.AgencyId is not { } agencyId || !me.BelongsTo(agencyId))
        {
            throw new ForbiddenActionException();
        }

        if (FormCatalog.Get(kind).Issuer != FormIssuer.Agency)
        {
            throw new RequestRuleException($"{FormCatalog.Get(kind).Label} do Sở ban hành, cơ quan không lập.");
        }

        var agency = await db.Agencies.AsNoTracking().SingleAsync(a => a.Id == agencyId, cancellationToken);
        var platform = await settings.GetAsync(cancellationToken);
        var form = FormFactory.NewRequest(kind);
        form.AgencyName = agency.Name;
        // A level-1 agency answers to the province's People's Committee; a lower one to the agency above it.
        form.ParentBodyName = agency.ParentId is { } parentId
            ? await db.Agencies.AsNoTracking().Where(a => a.Id == parentId).Select(a => a.Name)
                .FirstOrDefaultAsync(cancellationToken) ?? ""
            : $"UBND tỉnh {platform.ProvinceName}";
        form.Place = platform.ProvinceName;
        form.LetterDate = VietnamTime.Today(time).ToDateTime(TimeOnly.MinValue);
        form.ContactName = me.User.FullName;
        form.ContactEmail = me.User.Email ?? "";
        var now = time.GetUtcNow().UtcDateTime;
        var request = new ServiceRequest
        {
            Id = Guid.NewGuid(),
            Kind = kind,
            AgencyId = agencyId,
            Status = RequestStatus.Draft,
            Title = TitleOf(form),
            FormJson = form.ToJson(),
            CreatedBy = me.User.UserName ?? "",
            CreatedUtc = now,
            UpdatedUtc = now,
            Version = Guid.NewGuid(),
        };
        request.Events.Add(Step(me, "Tạo bản nháp", RequestStatus.Draft, null));
        db.Requests.Add(request);
        await audit.AddAsync(AuditActions.RequestStep, request.Id.ToString(),
            $"{FormCatalog.Get(kind).Label}: tạo bản nháp", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return request.Id;
    }

    /// <summary>Saves the agency's draft as it stands, complete or not; returns the new version.</summary>
    public async Task<Guid> SaveDraftAsync(Guid id, Guid version, FormContent form, CancellationToken cancellationToken)
    {
        var (me, request) = await LoadForAsync(id, version, cancellationToken);
        RequireEditable(me, request, form);
        form.Normalize();
        await issuance.CompleteRequestAsync(request.AgencyId, form, cancellationToken);
        request.FormJson = form.ToJson();
        request.Title = TitleOf(form);
        return await SaveAsync(request, cancellationToken);
    }

    /// <summary>
    /// The agency's head signs and sends the request; complete information starts the five-working-day clock.
    /// The letter is rendered, signed with the head's certificate (their signature image and the agency's seal
    /// when set) and registered in the same transaction as the step.
    /// </summary>
    public async Task<Guid> SubmitAsync(Guid id, Guid version, FormContent form, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (me, request) = await LoadForAsync(id, version, cancellationToken);
        RequireEditable(me, request, form);
        if (!me.Roles.Contains(Roles.AgencyHead))
        {
            throw new RequestRuleException(
                "Văn bản đề nghị do lãnh đạo cơ quan ký số và gửi. Hãy lưu và chọn \"Trình lãnh đạo ký\".");
        }

        form.Normalize();
        await issuance.CompleteRequestAsync(request.AgencyId, form, cancellationToken);
        await issuance.CheckRequestAsync(request.Id, request.AgencyId, form, cancellationToken);
        var errors = form.Check().ToList();
        if (form is AgencyRequestForm { LetterDate: { } dated }
            && DateOnly.FromDateTime(dated) > VietnamTime.Today(time))
        {
            errors.Add(new FieldError(
                nameof(AgencyRequestForm.LetterDate), "Ngày công văn không được sau ngày hôm nay."));
        }

        if (errors.Count > 0)
        {
            throw new FormInvalidException(errors);
        }

        request.FormJson = form.ToJson();
        request.Title = TitleOf(form);
        var comment = request.Status == RequestStatus.ReturnedForCompletion ? "Đã bổ sung hồ sơ" : null;
        await MoveAsync(me, request, RequestAction.Submit, comment, cancellationToken);

        var today = VietnamTime.Today(time);
        var calendar = await calendars.LoadAsync(today, cancellationToken);
        request.SubmittedUtc = time.GetUtcNow().UtcDateTime;
        request.ClockStart = today;
        request.DueDate = Deadline.From(calendar, today).Due;
        var letter = (AgencyRequestForm)form;
        var signedDate = letter.LetterDate is { } written ? DateOnly.FromDateTime(written) : today;
        await documents.StageAsync(request, form, "request", null, signedDate,
            new DocumentSigner(me.User, letter.SignerTitle, $"{letter.SignerTitle} ký gửi văn bản đề nghị",
                request.AgencyId), cancellationToken);
        var newVersion = await SaveAsync(request, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await notices.SendAsync(cancellationToken);
        return newVersion;
    }

    /// <summary>
    /// An officer saves a complete draft and asks the agency's heads to sign and send it: they are notified; the
    /// request stays a draft. An incomplete form is refused here, not later at the head's desk.
    /// </summary>
    public async Task<Guid> AskHeadToSignAsync(
        Guid id, Guid version, FormContent form, CancellationToken cancellationToken)
    {
        var (me, request) = await LoadForAsync(id, version, cancellationToken);
        RequireEditable(me, request, form);
        form.Normalize();
        await issuance.CompleteRequestAsync(request.AgencyId, form, cancellationToken);
        await issuance.CheckRequestAsync(request.Id, request.AgencyId, form, cancellationToken);
        var errors = form.Check().ToList();
        if (errors.Count > 0)
        {
            throw new FormInvalidException(errors);
        }

        request.FormJson = form.ToJson();
        request.Title = TitleOf(form);
        var heads = await notices.StageForHeadsAsync(request, me.DisplayName);
        if (heads == 0)
        {
            notices.Discard();
            throw new RequestRuleException(
                "Cơ quan chưa có tài khoản lãnh đạo để ký; đề nghị quản trị viên cấp vai trò lãnh đạo cơ quan.");
        }

        db.RequestEvents.Add(Step(me, "Trình lãnh đạo ký", request.Status, null, request.Id));
        var newVersion = await SaveAsync(request, cancellationToken);
        await notices.SendAsync(cancellationToken);
        return newVersion;
    }

    /// <summary>The agency withdraws a draft or a request returned for completion.</summary>
    public async Task<Guid> WithdrawAsync(Guid id, Guid version, CancellationToken cancellationToken)
    {
        var (me, request) = await LoadForAsync(id, version, cancellationToken);
        await MoveAsync(me, request, RequestAction.Withdraw, null, cancellationToken);
        return await SaveAsync(request, cancellationToken);
    }

    /// <summary>A Specialist returns an incomplete request; the clock stops until the agency resubmits.</summary>
    public async Task<Guid> ReturnForCompletionAsync(
        Guid id, Guid version, string reason, CancellationToken cancellationToken)
    {
        var text = VietnameseText.Normalize(reason);
        if (text.Length == 0)
        {
            throw new RequestRuleException("Vui lòng nhập nội dung cần bổ sung.");
        }

        var (me, request) = await LoadForAsync(id, version, cancellationToken);
        await MoveAsync(me, request, RequestAction.ReturnForCompletion, text, cancellationToken);
        request.ClockStart = null;
        request.DueDate = null;
        return await SaveAsync(request, cancellationToken);
    }

    /// <summary>A Specialist accepts the request as complete and takes it on.</summary>
    public async Task<Guid> AcceptAsync(Guid id, Guid version, CancellationToken cancellationToken)
    {
        var (me, request) = await LoadForAsync(id, version, cancellationToken);
        await MoveAsync(me, request, RequestAction.Accept, null, cancellationToken);
        request.AssignedSpecialist = me.User.Id;
        return await SaveAsync(request, cancellationToken);
    }

    private async Task<(RequestActor Me, ServiceRequest Request)> LoadForAsync(
        Guid id, Guid version, CancellationToken cancellationToken)
    {
        var (me, request) = await VisibleAsync(db.Requests, id, cancellationToken);
        return request.Version == version ? (me, request) : throw new RequestConflictException();
    }

    /// <summary>
    /// The acting person and a request they may see, read from <paramref name="requests"/> (tracked or not);
    /// <see cref="RequestNotFoundException"/> when it does not exist or is another agency's.
    /// </summary>
    private async Task<(RequestActor Me, ServiceRequest Request)> VisibleAsync(
        IQueryable<ServiceRequest> requests, Guid id, CancellationToken cancellationToken) =>
        await FindVisibleAsync(requests, id, cancellationToken) ?? throw new RequestNotFoundException();

    /// <summary>The request with the acting person, or null when it is absent or not theirs to see.</summary>
    private async Task<(RequestActor Me, ServiceRequest Request)?> FindVisibleAsync(
        IQueryable<ServiceRequest> requests, Guid id, CancellationToken cancellationToken)
    {
        var me = await actors.CurrentAsync(cancellationToken);
        var request = await requests.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        return request is not null && me.CanSee(request) ? (me, request) : null;
    }

    /// <summary>Applies one workflow step, unless the table gives it to none of the person's parties.</summary>
    private async Task MoveAsync(
        RequestActor me,
        ServiceRequest request,
        RequestAction action,
        string? comment,
        CancellationToken cancellationToken)
    {
        var next = RequestWorkflow.Next(request.Kind, request.Status, action);
        var party = RequestWorkflow.PartyFor(request.Kind, request.Status, action);
        if (party is not { } needed || !me.PartiesFor(request).Contains(needed))
        {
            throw new ForbiddenActionException();
        }

        request.Status = next;
        await notices.StageAsync(request, action, comment);
        var label = RequestWorkflow.ActionLabel(action);
        db.RequestEvents.Add(Step(me, label, next, comment, request.Id));
        await audit.AddAsync(AuditActions.RequestStep, request.Id.ToString(),
            $"{FormCatalog.Get(request.Kind).Label} của {request.AgencyId}: {label} → "
            + RequestWorkflow.StatusLabel(next) + (comment is null ? "" : $"; {comment}"),
            cancellationToken);
    }

    private async Task<Guid> SaveAsync(ServiceRequest request, CancellationToken cancellationToken)
    {
        request.UpdatedUtc = time.GetUtcNow().UtcDateTime;
        request.Version = Guid.NewGuid();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            notices.Discard();
            throw new RequestConflictException();
        }

        if (db.Database.CurrentTransaction is null)
        {
            await notices.SendAsync(cancellationToken);
        }

        return request.Version;
    }

    private RequestEvent Step(
        RequestActor me, string label, RequestStatus after, string? comment, Guid requestId = default) =>
        new()
        {
            RequestId = requestId,
            OccurredUtc = time.GetUtcNow().UtcDateTime,
            Actor = me.User.UserName ?? "",
            ActorName = me.DisplayName,
            Label = label,
            StatusAfter = after,
            Comment = comment,
        };

    private static string OutcomeLabel(FormKind kind) => kind switch
    {
        FormKind.RegisterApplication => "Mã khóa truy cập (access key id)",
        FormKind.CancelApplication => "Khóa đã thu hồi",
        FormKind.RegisterSso => "Mã ứng dụng SSO (client id)",
        FormKind.CancelSso => "Ứng dụng SSO đã hủy",
        _ => "Tài khoản quản trị",
    };

    /// <summary>When what this request granted was later revoked (by a Mẫu 06 or 12), if it was.</summary>
    private async Task<DateTime?> RevokedAsync(ServiceRequest request, CancellationToken cancellationToken) =>
        (request.Kind, request.Outcome) switch
        {
            (FormKind.RegisterApplication, { } key) => await db.Applications.AsNoTracking()
                .Where(a => a.AccessKeyId == key).Select(a => a.RevokedUtc).SingleOrDefaultAsync(cancellationToken),
            (FormKind.RegisterSso, { } client) => await db.SsoClients.AsNoTracking()
                .Where(c => c.ClientId == client).Select(c => c.RevokedUtc).SingleOrDefaultAsync(cancellationToken),
            _ => null,
        };

    /// <summary>
    /// The Department's own steps between accepting a request and issuing the answer: drafts, send-backs, the
    /// approval. An agency sees its request as accepted until the answer is issued.
    /// </summary>
    private static bool IsInternal(RequestStatus status) =>
        status is RequestStatus.ReplyDrafted or RequestStatus.ReplySentBack or RequestStatus.Approved;

    private static bool IsEditable(RequestStatus status) =>
        status is RequestStatus.Draft or RequestStatus.ReturnedForCompletion;

    private static void RequireEditable(RequestActor me, ServiceRequest request, FormContent form)
    {
        if (!me.BelongsTo(request.AgencyId))
        {
            throw new ForbiddenActionException();
        }

        if (!IsEditable(request.Status))
        {
            throw new RequestRuleException("Hồ sơ đã gửi; chỉ sửa được khi là bản nháp hoặc khi Sở yêu cầu bổ sung.");
        }

        if (form.Kind != request.Kind)
        {
            throw new RequestRuleException("Nội dung không đúng mẫu của hồ sơ này.");
        }
    }

    private static string SymbolOr(string symbol, string fallback) => symbol.Length > 0 ? symbol : fallback;

    private static string TitleOf(FormContent form)
    {
        var title = form switch
        {
            RegisterApplicationForm f => f.ApplicationName,
            RegisterSsoForm f => f.ApplicationName,
            CancelApplicationForm f => f.ApplicationName,
            CancelSsoForm f => f.ApplicationName,
            _ => "",
        };
        return title.Length > 0 ? title : FormCatalog.Get(form.Kind).Title;
    }

    private async Task<Dictionary<string, string>> AgencyNamesAsync(
        IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        return await db.Agencies.AsNoTracking()
            .Where(a => wanted.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
    }

    private static RequestSummary Summarize(
        ServiceRequest request,
        Dictionary<string, string> names,
        WorkingCalendar calendar,
        DateOnly today,
        bool internalView)
    {
        var (due, left, overdue, text) = DeadlineText.For(request, calendar, today);
        return new RequestSummary(
            request.Id,
            request.Kind,
            request.Title,
            request.AgencyId,
            names.GetValueOrDefault(request.AgencyId, request.AgencyId),
            internalView || !IsInternal(request.Status) ? request.Status : RequestStatus.Accepted,
            request.SubmittedUtc,
            due,
            left,
            overdue,
            text,
            request.UpdatedUtc);
    }
}
