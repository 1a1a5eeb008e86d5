using Lgsp.Directory;
using Lgsp.Portal.Agencies;
using Lgsp.Portal.Audit;
using Lgsp.Portal.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace Lgsp.Portal.Components.Pages.Agencies;

/// <summary>The agency directory: search for everyone; edits, import and successions for administrators.</summary>
public sealed partial class AgencyDirectory
{
    private const int PageSize = 200;

    private string _query = "";
    private IReadOnlyList<Agency> _agencies = [];
    private IReadOnlyList<CsvError> _importErrors = [];
    private string _summary = "";
    private bool _canEdit;

    [Inject]
    private AgencyDirectoryService Directory { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _canEdit = (await AuthenticationState).User.IsInRole(Roles.Administrator);
        await LoadAsync();
    }

    private async Task SearchAsync(string? query)
    {
        _query = query ?? "";
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _agencies = await Directory.SearchAsync(_query, PageSize, CancellationToken.None);
        var total = await Directory.CountAsync(CancellationToken.None);
        _summary = string.IsNullOrWhiteSpace(_query)
            ? $"Danh bạ có {total:N0} cơ quan, đơn vị."
            : $"Tìm thấy {_agencies.Count:N0} cơ quan, đơn vị.";
    }

    private async Task AddAsync() => await EditAsync(null);

    private async Task EditAsync(Agency? agency)
    {
        var parameters = new DialogParameters<AgencyEditDialog> { { d => d.Agency, agency } };
        var dialog = await Dialogs.ShowAsync<AgencyEditDialog>(
            agency is null ? "Thêm cơ quan" : "Sửa cơ quan",
            parameters);
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add("Đã lưu.", Severity.Success);
            await LoadAsync();
        }
    }

    private async Task RecordSuccessionAsync(Agency agency)
    {
        var parameters = new DialogParameters<SuccessionDialog> { { d => d.Agency, agency } };
        var dialog = await Dialogs.ShowAsync<SuccessionDialog>(
            "Ghi nhận đổi tên, sáp nhập, chia tách, giải thể",
            parameters);
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add("Đã ghi nhận thay đổi.", Severity.Success);
            await LoadAsync();
        }
    }

    private async Task ImportAsync(IBrowserFile? file)
    {
        if (file is null)
        {
            return;
        }

        const long limit = AgencyDirectoryService.MaxImportBytes;
        if (file.Size > limit)
        {
            _importErrors = [new CsvError(0, $"Tệp lớn hơn {limit / 1024 / 1024} MB.")];
            return;
        }

        ImportResult result;
        try
        {
            await using var stream = file.OpenReadStream(limit);
            result = await Directory.ImportAsync(stream, file.Name, CancellationToken.None);
        }
        catch (PortalRuleException exception)
        {
            _importErrors = [new CsvError(0, exception.Message)];
            return;
        }

        _importErrors = result.Errors;
        if (result.Succeeded)
        {
            Snackbar.Add($"Đã nhập: {result.Created} cơ quan mới, {result.Updated} cập nhật.", Severity.Success);
            await LoadAsync();
        }
    }
}
