using Lgsp.Directory;
using Lgsp.Portal.Agencies;
using Lgsp.Portal.Audit;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Lgsp.Portal.Components.Pages.Agencies;

/// <summary>
/// Records a rename, merger, split or dissolution. A rename under a new identifier creates the new entry; a rename
/// that keeps the identifier only changes the name. The old entry is never deleted.
/// </summary>
public sealed partial class SuccessionDialog
{
    private AgencyStatus _status = AgencyStatus.Merged;
    private DateTime? _effective = DateTime.Today;
    private string? _successors;
    private string? _newId;
    private string? _newName;
    private string? _error;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Inject]
    private AgencyDirectoryService Directory { get; set; } = default!;

    /// <summary>The agency that changes.</summary>
    [Parameter, EditorRequired]
    public Agency Agency { get; set; } = default!;

    private void Cancel() => Dialog.Cancel();

    private async Task SaveAsync()
    {
        _error = null;
        if (_effective is null)
        {
            _error = "Chọn ngày có hiệu lực.";
            return;
        }

        try
        {
            var date = DateOnly.FromDateTime(_effective.Value);
            if (_status == AgencyStatus.Renamed && string.IsNullOrWhiteSpace(_newId))
            {
                await RenameInPlaceAsync();
            }
            else
            {
                await Directory.RecordSuccessionAsync(BuildSuccession(date), CancellationToken.None);
            }

            Dialog.Close(DialogResult.Ok(Agency.Id.Value));
        }
        catch (Exception exception) when (exception is PortalRuleException or FormatException)
        {
            _error = exception.Message;
        }
    }

    private Succession BuildSuccession(DateOnly date)
    {
        if (_status != AgencyStatus.Renamed)
        {
            var ids = (_successors ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries)
                .Select(id => AgencyIdentifier.Parse(id).Value)
                .ToList();
            return new Succession(Agency.Id.Value, _status, ids, date);
        }

        if (string.IsNullOrWhiteSpace(_newName))
        {
            throw new DirectoryRuleException("Nhập tên mới.");
        }

        var newAgency = Agency with
        {
            Id = AgencyIdentifier.Parse(_newId!),
            Name = _newName,
            SuccessorIds = [],
            EffectiveTo = null,
        };
        return new Succession(Agency.Id.Value, _status, [newAgency.Id.Value], date, newAgency);
    }

    private async Task RenameInPlaceAsync()
    {
        if (string.IsNullOrWhiteSpace(_newName))
        {
            throw new DirectoryRuleException("Nhập tên mới.");
        }

        await Directory.SaveAsync(Agency with { Name = _newName }, CancellationToken.None);
    }
}
