using Lgsp.Portal.Audit;
using Lgsp.Portal.Data;
using Microsoft.AspNetCore.Identity;

namespace Lgsp.Portal.Account;

/// <summary>Account actions that are plain HTTP posts rather than pages.</summary>
internal static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/account/logout", async (
                HttpContext context,
                SignInManager<PortalUser> signIn,
                AuditLog audit,
                CancellationToken cancellationToken) =>
            {
                var name = context.User.Identity?.Name ?? "";
                await signIn.SignOutAsync();
                await audit.RecordAsync(AuditActions.SignOut, name, "", cancellationToken, actorName: name);
                return TypedResults.LocalRedirect("/account/login");
            })
            .RequireAuthorization();
        return endpoints;
    }
}
