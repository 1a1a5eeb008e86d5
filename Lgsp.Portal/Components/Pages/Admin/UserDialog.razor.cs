using Lgsp.Portal.Audit;
using Lgsp.Portal.Users;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Lgsp.Portal.Components.Pages.Admin;

/// <summary>Creates an account, or changes an existing account's roles.</summary>
public sealed partial class UserDialog
{
    private string _email = "";
    private string _fullName = "";
    private string? _agencyId;
    private IReadOnlyCollection<string> _roles = new HashSet<string>();
    private string? _error;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Inject]
    private UserAdministration Users { get; set; } = default!;

    /// <summary>The account whose roles change, or null to create one.</summary>
    [Parameter]
    public UserSummary? Existing { get; set; }

    protected override void OnInitialized()
    {
        if (Existing is not null)
        {
            _roles = Existing.Roles.ToHashSet();
        }
    }

    private void Cancel() => Dialog.Cancel();

    private async Task SaveAsync()
    {
        try
        {
            if (Existing is null)
            {
                var issued = await Users.CreateAsync(
                    new NewUser(_email, _fullName, _roles.ToList(), _agencyId),
                    default);
                Dialog.Close(DialogResult.Ok(issued));
            }
            else
            {
                await Users.SetRolesAsync(Existing.Id, _roles.ToList(), CancellationToken.None);
                Dialog.Close(DialogResult.Ok(Existing.Id));
            }
        }
        catch (PortalRuleException exception)
        {
            _error = exception.Message;
        }
    }
}
