using System.Security.Claims;
using Lgsp.Portal.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Lgsp.Portal.Identity;

/// <summary>Claim types the portal adds to a signed-in user.</summary>
public static class PortalClaims
{
    /// <summary>The agency identifier of an agency account.</summary>
    public const string AgencyId = "lgsp:agency";

    /// <summary>The person's full name.</summary>
    public const string FullName = "lgsp:name";

    /// <summary>Present while the account must replace a generated password.</summary>
    public const string MustChangePassword = "lgsp:must-change-password";

    /// <summary>The agency of the signed-in user, or null for staff.</summary>
    public static string? AgencyOf(ClaimsPrincipal user) => user.FindFirst(AgencyId)?.Value;
}

/// <summary>Adds the portal's own claims to the identity's roles and name.</summary>
internal sealed class PortalClaimsFactory(
    UserManager<PortalUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<PortalUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PortalUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(PortalClaims.FullName, user.FullName));
        if (user.AgencyId is not null)
        {
            identity.AddClaim(new Claim(PortalClaims.AgencyId, user.AgencyId));
        }

        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(PortalClaims.MustChangePassword, "true"));
        }

        return identity;
    }
}
