using Lgsp.Forms.Content;
using Lgsp.Forms.Requests;
using Lgsp.Portal.Audit;
using Lgsp.Portal.Components.Requests;
using Lgsp.Portal.Requests;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Routing;
using MudBlazor;

namespace Lgsp.Portal.Components.Pages.Requests;

/// <summary>
/// One request: its form (editable by its agency while a draft or returned), attachments, the reply and the
/// minutes as staff draft them, the actions the viewer's roles allow now, the secrets issued, and the timeline.
/// Every action goes through <see cref="RequestService"/>, which checks roles and versions again.
/// </summary>
public sealed partial class RequestPage
{
    private bool _busy;
    private string? _lastDone;
    private long _lastDoneAt;

    private RequestDetails? _details;
    private FormContent? _form;
    private DepartmentReply? _reply;
    private HandoverMinutes? _minutes;
    private EditContext? _formContext;
    private EditContext? _replyContext;
    private EditContext? _minutesContext;
    private FormContentValidator? _formValidator;
    private FormContentValidator? _replyValidator;
    private FormContentValidator? _minutesValidator;
    private bool _dirty;
    private Dictionary<string, IReadOnlyList<KeyValuePair<string, string>>> _choices = [];
    private readonly Dictionary<Guid, string> _revealed = [];
    private string? _comment;
    private string? _error;
    private string? _message;
    private bool _notFound;

    /// <summary>The request's id from the address.</summary>
    [Parameter]
    public Guid Id { get; set; }

    [Inject]
    private RequestService Requests { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    private bool HasStaffDecision => Can(RequestAction.Accept) || Can(RequestAction.ReturnForCompletion)
        || Can(RequestAction.Approve) || Can(RequestAction.SendBack);

    protected override async Task OnParametersSetAsync() => await LoadAsync();

    private bool Can(RequestAction action) => _details?.Actions.Contains(action) == true;

    // Typed but not saved: leaving the page (a link, a reload, closing the tab) asks first.
    private bool HasUnsavedEdits => (_details?.CanEditForm == true && _formContext?.IsModified() == true)
        || (Can(RequestAction.DraftReply) && _replyContext?.IsModified() == true)
        || (Can(RequestAction.ScheduleHandover) && _minutesContext?.IsModified() == true)
        || !string.IsNullOrWhiteSpace(_comment);

    private async Task ConfirmLeaveAsync(LocationChangingContext navigation)
    {
        if (!HasUnsavedEdits)
        {
            return;
        }

        var leave = await Dialogs.ShowMessageBoxAsync(
            "Chưa lưu",
            "Những gì bạn vừa nhập chưa được lưu. Rời trang này?",
            yesText: "Rời trang",
            cancelText: "Ở lại");
        if (leave != true)
        {
            navigation.PreventNavigation();
        }
    }

    // A cancellation's application name comes from the register once saved; an empty locked box looks broken.
    private IReadOnlyCollection<string> HiddenFormFields => _details?.CanEditForm == true
        && _form is CancelApplicationForm or CancelSsoForm
            ? [nameof(CancelApplicationForm.ApplicationName)]
            : [];

    // The refusal fields say nothing on a reply that grants the request and can no longer change.
    private IReadOnlyCollection<string> HiddenReplyFields =>
        _reply is { Refused: false } && !Can(RequestAction.DraftReply)
        ? [nameof(DepartmentReply.Refused), nameof(DepartmentReply.RefusalReason)]
        : [];

    /// <summary>Reads the request again; with <paramref name="keepEdits"/>, what was typed stays on screen.</summary>
    private async Task LoadAsync(bool keepEdits = false)
    {
        try
        {
            _details = await Requests.GetAsync(Id, CancellationToken.None);
        }
        catch (RequestNotFoundException)
        {
            // Another agency's request and a request that does not exist look the same: 404, never 403.
            _notFound = true;
            Navigation.NotFound();
            return;
        }

        if (!(keepEdits && _form is not null && _details.CanEditForm))
        {
            _form = _details.Form;
            _formContext = Watched(new EditContext(_form));
            _choices = _details.CanEditForm
                ? await Requests.ChoicesAsync(_details.Summary.AgencyId, CancellationToken.None)
                : [];
        }

        if (!(keepEdits && _reply is not null && Can(RequestAction.DraftReply)))
        {
            _reply = Can(RequestAction.DraftReply)
                ? await Requests.ReplyDraftAsync(Id, CancellationToken.None)
                : _details.Reply;
            _replyContext = _reply is null ? null : Watched(new EditContext(_reply));
        }

        if (!(keepEdits && _minutes is not null && Can(RequestAction.ScheduleHandover)))
        {
            _minutes = Can(RequestAction.ScheduleHandover)
                ? await Requests.MinutesDraftAsync(Id, CancellationToken.None)
                : _details.Minutes;
            _minutesContext = _minutes is null ? null : Watched(new EditContext(_minutes));
        }

        _dirty = keepEdits && _dirty;
    }

    /// <summary>
    /// Typing re-renders only the field, but the page's leave prompt is set when the page renders: the first change
    /// after a load renders the page once so that the browser starts asking before a reload or a closed tab.
    /// </summary>
    private EditContext Watched(EditContext context)
    {
        context.OnFieldChanged += (_, _) =>
        {
            if (!_dirty)
            {
                _dirty = true;
                StateHasChanged();
            }
        };
        return context;
    }

    private Task SaveDraftAsync() =>
        RunAsync(v => Requests.SaveDraftAsync(Id, v, _form!, CancellationToken.None), "Đã lưu nháp.");

    private Task SubmitAsync() => _formContext!.Validate()
        ? RunAsync(v => Requests.SubmitAsync(Id, v, _form!, CancellationToken.None),
            "Đã ký số và gửi hồ sơ đến Sở.")
        : Invalid();

    /// <summary>Saves what the officer typed and asks the agency's heads to sign and send it.</summary>
    private Task AskHeadAsync() => _formContext!.Validate()
        ? RunAsync(v => Requests.AskHeadToSignAsync(Id, v, _form!, CancellationToken.None),
            "Đã lưu và trình lãnh đạo cơ quan ký số, gửi hồ sơ.")
        : Invalid();

    private Task SignMinutesAsync() => RunAsync(
        v => Requests.SignMinutesAsync(Id, v, CancellationToken.None), "Đã ký biên bản bàn giao.");

    private async Task WithdrawAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Rút hồ sơ",
            "Hồ sơ đã rút không được gửi hay xử lý tiếp và không khôi phục được. Rút hồ sơ này?",
            yesText: "Rút hồ sơ",
            cancelText: "Không");
        if (confirmed == true)
        {
            await RunAsync(v => Requests.WithdrawAsync(Id, v, CancellationToken.None), "Đã rút hồ sơ.");
        }
    }

    private Task AcceptAsync() =>
        RunAsync(v => Requests.AcceptAsync(Id, v, CancellationToken.None), "Đã tiếp nhận hồ sơ.");

    private Task ReturnAsync() => RunAsync(
        v => Requests.ReturnForCompletionAsync(Id, v, _comment ?? "", CancellationToken.None),
        "Đã yêu cầu cơ quan bổ sung hồ sơ.");

    private Task DraftReplyAsync() => _replyContext!.Validate()
        ? RunAsync(v => Requests.DraftReplyAsync(Id, v, _reply!, CancellationToken.None),
            "Đã trình Giám đốc phê duyệt.")
        : Invalid();

    private Task SendBackAsync() => RunAsync(
        v => Requests.SendBackAsync(Id, v, _comment ?? "", CancellationToken.None), "Đã trả lại dự thảo.");

    private Task ApproveAsync() =>
        RunAsync(v => Requests.ApproveAsync(Id, v, CancellationToken.None), "Đã phê duyệt và ban hành.");

    private Task ScheduleAsync() => _minutesContext!.Validate()
        ? RunAsync(v => Requests.ScheduleHandoverAsync(Id, v, _minutes!, CancellationToken.None),
            "Đã hẹn lịch bàn giao.")
        : Invalid();

    private Task RecordAsync() => _minutesContext!.Validate()
        ? RunAsync(v => Requests.RecordHandoverAsync(Id, v, _minutes!, CancellationToken.None),
            "Đã ghi nhận bàn giao.")
        : Invalid();

    private async Task UploadAsync(IBrowserFile? file)
    {
        if (file is null)
        {
            return;
        }

        if (file.Size > RequestService.MaxAttachmentBytes)
        {
            _message = null;
            _error = $"Tệp {file.Name} lớn hơn {RequestService.MaxAttachmentBytes / 1024 / 1024} MB; chưa đính kèm.";
            return;
        }

        await RunAsync(async v =>
        {
            await using var stream = file.OpenReadStream(RequestService.MaxAttachmentBytes);
            return await Requests.AttachAsync(Id, v, file.Name, file.ContentType, stream, CancellationToken.None);
        }, $"Đã đính kèm {file.Name}.", keepEdits: true);
    }

    private Task RemoveAttachmentAsync(Guid fileId) => RunAsync(
        v => Requests.RemoveAttachmentAsync(Id, v, fileId, CancellationToken.None),
        "Đã gỡ tệp đính kèm.",
        keepEdits: true);

    private async Task RevealAsync(Guid secretId)
    {
        _error = null;
        try
        {
            _revealed[secretId] = await Requests.RevealSecretAsync(Id, secretId, CancellationToken.None);
            await LoadAsync();
        }
        catch (PortalRuleException exception)
        {
            _error = exception.Message;
            await LoadAsync();
        }
    }

    private Task Invalid()
    {
        _message = null;
        _error = "Hồ sơ chưa đầy đủ hoặc có trường sai; xem các ô được tô đỏ.";
        return Task.CompletedTask;
    }

    private async Task RunAsync(Func<Guid, Task<Guid>> action, string done, bool keepEdits = false)
    {
        // A second click while the first is still at work, or right after it on the same button, is the same
        // intention, not a second step: steps that keep the request's state (asking the head, redrafting a reply,
        // rescheduling) would otherwise be recorded and notified twice.
        if (_busy || (done == _lastDone && Environment.TickCount64 - _lastDoneAt < 2_000))
        {
            return;
        }

        _busy = true;
        try
        {
            await RunOnceAsync(action, done, keepEdits);
        }
        finally
        {
            _busy = false;
            (_lastDone, _lastDoneAt) = (done, Environment.TickCount64);
        }
    }

    private async Task RunOnceAsync(Func<Guid, Task<Guid>> action, string done, bool keepEdits)
    {
        _error = null;
        _message = null;
        // A refused step changes nothing on the server, so nothing is reloaded: what the person typed stays beside
        // the message. After a change that is not the form itself (a file), the typed form is kept too.
        try
        {
            await action(_details!.Version);
        }
        catch (FormInvalidException invalid)
        {
            _error = invalid.Message;
            foreach (var validator in new[] { _formValidator, _replyValidator, _minutesValidator })
            {
                validator?.Show(invalid.Errors);
            }

            return;
        }
        catch (RequestConflictException)
        {
            // Someone changed the request meanwhile: take the new state, keep what this person typed, and let
            // them decide again with the page in front of them.
            _error = "Hồ sơ vừa được cập nhật (bởi người khác hoặc ở một cửa sổ khác); thao tác của bạn chưa được "
                + "ghi. Trang đã hiện trạng thái mới, nội dung bạn đang nhập vẫn giữ nguyên: "
                + "kiểm tra rồi thao tác lại.";
            await LoadAsync(keepEdits: true);
            return;
        }
        catch (PortalRuleException exception)
        {
            _error = exception.Message;
            return;
        }
        catch (IllegalTransitionException exception)
        {
            _error = exception.Message;
            return;
        }
        catch (IOException)
        {
            _error = $"Tệp lớn hơn {RequestService.MaxAttachmentBytes / 1024 / 1024} MB "
                + "hoặc tải lên bị gián đoạn.";
            return;
        }

        _comment = null;
        _message = done;
        await LoadAsync(keepEdits);
    }
}
