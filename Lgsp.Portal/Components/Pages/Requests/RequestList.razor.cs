using Lgsp.Forms.Requests;
using Lgsp.Portal.Identity;
using Lgsp.Portal.Requests;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Lgsp.Portal.Components.Pages.Requests;

/// <summary>
/// An agency's requests, or the Department's inbox: most urgent first (overdue, then fewest working days
/// left), filtered by status.
/// </summary>
public sealed partial class RequestList
{
    private const string OpenFilter = "open";
    private const string AllFilter = "all";

    private IReadOnlyList<RequestSummary> _requests = [];
    private string _filter = OpenFilter;
    private bool _isStaff;
    private bool _canFile;

    [Inject]
    private RequestService Requests { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> Authentication { get; set; } = default!;

    private IEnumerable<RequestSummary> Visible => _filter switch
    {
        AllFilter => _requests,
        OpenFilter => _requests.Where(r => !RequestWorkflow.IsFinal(r.Kind, r.Status)),
        _ => _requests.Where(r => r.Status.ToString() == _filter),
    };

    protected override async Task OnInitializedAsync()
    {
        var user = (await Authentication).User;
        _isStaff = Roles.Staff.Split(',').Any(user.IsInRole);
        _canFile = user.IsInRole(Roles.AgencyOfficer) || user.IsInRole(Roles.AgencyHead);
        _requests = await Requests.ListAsync(CancellationToken.None);
    }
}
