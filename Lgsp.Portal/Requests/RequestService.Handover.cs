using System.Globalization;
using Lgsp.Forms.Content;
using Lgsp.Forms.Requests;
using Lgsp.Portal.Audit;
using Lgsp.Portal.Data;
using Lgsp.Portal.Letters;

namespace Lgsp.Portal.Requests;

/// <summary>The handover of an account (Mẫu 05, 11): scheduling it, checking when it is held, recording it.</summary>
public sealed partial class RequestService
{
    /// <summary>Pre-filled minutes for an issued account request: the saved ones, or new ones.</summary>
    public async Task<HandoverMinutes> MinutesDraftAsync(Guid id, CancellationToken cancellationToken)
    {
        var details = await GetAsync(id, cancellationToken);
        if (details.Minutes is not null)
        {
            return details.Minutes;
        }

        var platform = await settings.GetAsync(cancellationToken);
        var form = (AgencyRequestForm)details.Form;
        var minutes = FormFactory.NewMinutes(details.Summary.Kind);
        minutes.ReplyNumber = details.ReplyNumber ?? "";
        minutes.ReplyDate = details.ReplyDate?.ToDateTime(TimeOnly.MinValue);
        minutes.AgencyName = form.AgencyName;
        minutes.RequestNumber = form.LetterNumber;
        minutes.RequestDate = form.LetterDate;
        minutes.Place = platform.ProvinceName;
        minutes.HandoverPlace = $"{platform.ItCentreName} – {platform.DepartmentName} tỉnh {platform.ProvinceName}";
        minutes.PartyABody = platform.ItCentreName;
        minutes.PartyAName = (await actors.CurrentAsync(cancellationToken)).User.FullName;
        minutes.PartyBBody = form.AgencyName;
        minutes.PartyBName = form.ContactName;
        minutes.PartyBPosition = form.ContactPosition;
        return minutes;
    }

    /// <summary>A Specialist schedules (or moves) the handover: day, time and place.</summary>
    public async Task<Guid> ScheduleHandoverAsync(
        Guid id, Guid version, HandoverMinutes minutes, CancellationToken cancellationToken)
    {
        var (me, request) = await LoadForAsync(id, version, cancellationToken);
        RequireMinutesOf(request, minutes);
        LockMinutes(request, minutes);
        minutes.Normalize();
        var errors = minutes.Check().Concat(await CheckHandoverTimeAsync(request, minutes, cancellationToken)).ToList();
        if (errors.Count > 0)
        {
            throw new FormInvalidException(errors);
        }

        var when = $"{minutes.HandoverTime:hh\\:mm} ngày {minutes.HandoverDate:dd/MM/yyyy} tại {minutes.HandoverPlace}";
        await MoveAsync(me, request, RequestAction.ScheduleHandover, when, cancellationToken);
        request.MinutesJson = minutes.ToJson();
        return await SaveAsync(request, cancellationToken);
    }

    /// <summary>A Specialist records the handover with both parties; the minutes get the IT centre's number.</summary>
    public async Task<Guid> RecordHandoverAsync(
        Guid id, Guid version, HandoverMinutes minutes, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (me, request) = await LoadForAsync(id, version, cancellationToken);
        RequireMinutesOf(request, minutes);
        LockMinutes(request, minutes);
        minutes.Normalize();
        var errors = minutes.Check().Concat(await CheckHandoverTimeAsync(request, minutes, cancellationToken))
            .ToList();
        if (minutes.HandoverDate is { } held && DateOnly.FromDateTime(held) > VietnamTime.Today(time))
        {
            errors.Add(new FieldError(
                nameof(minutes.HandoverDate), "Chưa đến ngày bàn giao đã hẹn; chưa ghi nhận được."));
        }

        if (errors.Count > 0)
        {
            throw new FormInvalidException(errors);
        }

        // Party A's representative is whoever records the handover, since they sign the minutes.
        if (!string.IsNullOrWhiteSpace(me.User.FullName))
        {
            minutes.PartyAName = me.User.FullName;
        }

        var platform = await settings.GetAsync(cancellationToken);
        var today = VietnamTime.Today(time);
        var number = await issuance.NumberAsync(DocumentIssuers.ItCentre, today.Year, cancellationToken);
        request.MinutesNumber = DocumentNumber.Format(number, SymbolOr(platform.MinutesSymbol, "BB-CNTT&TT"));
        request.MinutesDate = today;
        request.MinutesJson = minutes.ToJson();
        await MoveAsync(me, request, RequestAction.RecordHandover,
            $"Biên bản số {request.MinutesNumber}: {minutes.PartyAName} bàn giao cho {minutes.PartyBName}",
            cancellationToken);
        await documents.StageAsync(request, minutes, "minutes", request.MinutesNumber, today,
            new DocumentSigner(me.User, "Đại diện bên A", "Đại diện bên A ký biên bản bàn giao"), cancellationToken);
        var newVersion = await SaveAsync(request, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await notices.SendAsync(cancellationToken);
        return newVersion;
    }

    /// <summary>
    /// The agency's representative signs the minutes as party B, after the IT centre signed as party A; the
    /// signature is appended so party A's stays valid.
    /// </summary>
    public async Task<Guid> SignMinutesAsync(Guid id, Guid version, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (me, request) = await LoadForAsync(id, version, cancellationToken);
        if (!me.PartiesFor(request).Contains(WorkflowParty.Agency))
        {
            throw new ForbiddenActionException();
        }

        if ((await documents.FindAsync(request.Id, "minutes", cancellationToken))?.Signatures != 1)
        {
            throw new RequestRuleException("Biên bản chưa sẵn sàng để bên B ký, hoặc bên B đã ký.");
        }

        await documents.CountersignAsync(request, "minutes",
            new DocumentSigner(me.User, "Đại diện bên B", "Đại diện bên B ký biên bản bàn giao"), cancellationToken);
        db.RequestEvents.Add(Step(me, "Bên B ký biên bản", request.Status, $"Biên bản số {request.MinutesNumber}",
            request.Id));
        await notices.StageMinutesSignedAsync(request);
        await audit.AddAsync(AuditActions.RequestStep, request.Id.ToString(),
            $"Biên bản số {request.MinutesNumber}: bên B ký", cancellationToken);
        var newVersion = await SaveAsync(request, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await notices.SendAsync(cancellationToken);
        return newVersion;
    }

    private static string Hour(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static void RequireMinutesOf(ServiceRequest request, HandoverMinutes minutes)
    {
        if (!RequestWorkflow.HasHandover(request.Kind)
            || minutes.GetType() != FormFactory.NewMinutes(request.Kind).GetType())
        {
            throw new RequestRuleException("Biên bản không đúng mẫu của hồ sơ này.");
        }
    }

    /// <summary>The request's own numbers and names, whatever the page sent.</summary>
    private static void LockMinutes(ServiceRequest request, HandoverMinutes minutes)
    {
        var form = (AgencyRequestForm)FormContent.FromJson(request.FormJson);
        minutes.ReplyNumber = request.ReplyNumber ?? "";
        minutes.ReplyDate = request.ReplyDate?.ToDateTime(TimeOnly.MinValue);
        minutes.AgencyName = form.AgencyName;
        minutes.RequestNumber = form.LetterNumber;
        minutes.RequestDate = form.LetterDate;
    }

    /// <summary>A handover happens on a working day, in office hours, not before the reply that grants it.</summary>
    private async Task<IEnumerable<FieldError>> CheckHandoverTimeAsync(
        ServiceRequest request, HandoverMinutes minutes, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        if (minutes.HandoverDate is not { } date || minutes.HandoverTime is not { } at)
        {
            return errors;
        }

        var day = DateOnly.FromDateTime(date);
        var calendar = await calendars.LoadAsync(day, cancellationToken);
        var platform = await settings.GetAsync(cancellationToken);
        if (request.ReplyDate is { } replied && day < replied)
        {
            errors.Add(new FieldError(nameof(minutes.HandoverDate),
                $"Ngày bàn giao không được trước ngày công văn của Sở ({VietnamTime.FormatDate(replied)})."));
        }
        else if (!calendar.IsWorkingDay(day))
        {
            errors.Add(new FieldError(nameof(minutes.HandoverDate),
                $"Ngày {VietnamTime.FormatDate(day)} không phải ngày làm việc"
                + (calendar.Describe(day) is { } why ? $" ({why})." : ".")));
        }

        var clock = TimeOnly.FromTimeSpan(at);
        if (clock < platform.OfficeOpens || clock >= platform.OfficeCloses
            || (clock >= platform.LunchStarts && clock < platform.LunchEnds))
        {
            var hours = $"{Hour(platform.OfficeOpens)}–{Hour(platform.LunchStarts)}, "
                + $"{Hour(platform.LunchEnds)}–{Hour(platform.OfficeCloses)}";
            errors.Add(new FieldError(
                nameof(minutes.HandoverTime), $"Giờ bàn giao phải trong giờ hành chính ({hours})."));
        }

        return errors;
    }
}
