using Hangfire.Dashboard;
using Lgsp.Portal.Identity;

namespace Lgsp.Portal.Hosting;

/// <summary>Opens the Hangfire dashboard to signed-in administrators only, from any address.</summary>
internal sealed class AdministratorDashboardFilter : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(Roles.Administrator);
}
