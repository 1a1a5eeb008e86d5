using Lgsp.Portal.Agencies;
using Lgsp.Portal.Audit;
using Lgsp.Portal.Data;
using Lgsp.Portal.Identity;
using Lgsp.Portal.Users;
using Lgsp.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Tests.Portal;

/// <summary>Administrative actions check the actor's role when they act, not only when the page opened.</summary>
[Collection(WebCollection.Name)]
public sealed class AdministrationGuardTests : IDisposable
{
    private readonly PortalFactory _portal = new();

    public void Dispose() => _portal.Dispose();

    [Fact]
    public async Task DemotedAdministrator_WithAPageStillOpen_CannotCreateAccountsOrEditTheDirectory()
    {
        await _portal.CreateUserAsync("admin2@bacgiang.gov.vn", Roles.Administrator);
        await using (var scope = _portal.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var admin2 = (await users.FindByNameAsync("admin2@bacgiang.gov.vn"))!;
            await users.RemoveFromRoleAsync(admin2, Roles.Administrator);
            await users.AddToRoleAsync(admin2, Roles.Specialist);
        }

        await using var demoted = _portal.ScopeActingAs("admin2@bacgiang.gov.vn");
        var create = () => demoted.ServiceProvider.GetRequiredService<UserAdministration>()
            .CreateAsync(
                new NewUser("backdoor@bacgiang.gov.vn", "", [Roles.Administrator], null),
                CancellationToken.None);
        var save = () => demoted.ServiceProvider.GetRequiredService<AgencyDirectoryService>()
            .SaveAsync(AgencyBuilder.Agency("000.00.60.H06", "Cơ quan mới"), CancellationToken.None);

        await Assert.ThrowsAsync<ForbiddenActionException>(create);
        await Assert.ThrowsAsync<ForbiddenActionException>(save);
        await using var check = _portal.Services.CreateAsyncScope();
        Assert.Null(await check.ServiceProvider.GetRequiredService<UserManager<PortalUser>>()
            .FindByNameAsync("backdoor@bacgiang.gov.vn"));
    }

    [Fact]
    public async Task LastAdministrator_CannotDemoteOrLockThemselves()
    {
        await using var admin = _portal.ScopeActingAs(PortalFactory.AdminEmail);
        var users = admin.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var me = (await users.FindByNameAsync(PortalFactory.AdminEmail))!;
        var administration = admin.ServiceProvider.GetRequiredService<UserAdministration>();

        var demote = await Assert.ThrowsAsync<UserRuleException>(
            () => administration.SetRolesAsync(me.Id, [Roles.Specialist], CancellationToken.None));
        var lockOut = await Assert.ThrowsAsync<UserRuleException>(
            () => administration.SetLockedAsync(me.Id, true, CancellationToken.None));

        Assert.Contains("tự", demote.Message, StringComparison.Ordinal);
        Assert.Contains("tự", lockOut.Message, StringComparison.Ordinal);
        Assert.True(await users.IsInRoleAsync(me, Roles.Administrator));
    }
}
