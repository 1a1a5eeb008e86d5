using Lgsp.Portal.Audit;
using Lgsp.Portal.Users;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Lgsp.Portal.Components.Pages.Admin;

/// <summary>Administrators list accounts, create them, change roles, reset passwords, lock and unlock.</summary>
public sealed partial class UserList
{
    private IReadOnlyList<UserSummary> _users = [];
    private IssuedCredentials? _issued;
    private string? _error;

    [Inject]
    private UserAdministration Users { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    protected override async Task OnInitializedAsync() => await LoadAsync();

    private async Task LoadAsync() => _users = await Users.ListAsync(CancellationToken.None);

    private async Task AddAsync()
    {
        var dialog = await Dialogs.ShowAsync<UserDialog>("Thêm người dùng");
        if (await dialog.Result is { Canceled: false, Data: IssuedCredentials issued })
        {
            _issued = issued;
            await LoadAsync();
        }
    }

    private async Task EditRolesAsync(UserSummary user)
    {
        var parameters = new DialogParameters<UserDialog> { { d => d.Existing, user } };
        var dialog = await Dialogs.ShowAsync<UserDialog>("Đổi vai trò", parameters);
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add("Đã đổi vai trò.", Severity.Success);
            await LoadAsync();
        }
    }

    private async Task ResetPasswordAsync(UserSummary user) =>
        await RunAsync(async () => _issued = await Users.ResetPasswordAsync(user.Id, CancellationToken.None));

    private async Task ToggleLockAsync(UserSummary user) =>
        await RunAsync(() => Users.SetLockedAsync(user.Id, !user.LockedOut, CancellationToken.None));

    private async Task RunAsync(Func<Task> action)
    {
        _error = null;
        try
        {
            await action();
            await LoadAsync();
        }
        catch (PortalRuleException exception)
        {
            _error = exception.Message;
        }
    }
}
