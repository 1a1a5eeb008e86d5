using Lgsp.Portal.Data;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;

namespace Lgsp.Portal.Audit;

/// <summary>Who is acting, and from where, as the audit log records it.</summary>
public sealed record Actor(string Name, string IpAddress);

/// <summary>Finds the acting person for the audit log and checks their roles at the moment they act.</summary>
public interface ICurrentActor
{
    /// <summary>The acting person now.</summary>
    Task<Actor> GetAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Throws <see cref="ForbiddenActionException"/> unless the acting person holds <paramref name="role"/> now,
    /// read from the database: a page opened before a demotion or a lock cannot act on it.
    /// </summary>
    Task RequireRoleAsync(string role, CancellationToken cancellationToken);
}

/// <summary>
/// The actor of a web request or an interactive circuit. In a circuit the authentication state comes from
/// Blazor; in a plain HTTP request (sign-in, downloads) from the request's user.
/// </summary>
internal sealed class WebActor(IHttpContextAccessor http, IServiceProvider services, UserManager<PortalUser> users)
    : ICurrentActor
{
    public async Task<Actor> GetAsync(CancellationToken cancellationToken)
    {
        var ip = http.HttpContext?.Connection.RemoteIpAddress?.ToString() ?? "";
        return new Actor(await NameAsync() ?? "(ẩn danh)", ip);
    }

    public async Task RequireRoleAsync(string role, CancellationToken cancellationToken)
    {
        var name = await NameAsync();
        var user = name is null ? null : await users.FindByNameAsync(name);
        if (user is null || await users.IsLockedOutAsync(user) || !await users.IsInRoleAsync(user, role))
        {
            throw new ForbiddenActionException();
        }
    }

    private async Task<string?> NameAsync()
    {
        var context = http.HttpContext;
        if (context?.User.Identity?.IsAuthenticated == true)
        {
            return context.User.Identity.Name;
        }

        if (services.GetService(typeof(AuthenticationStateProvider)) is AuthenticationStateProvider auth)
        {
            try
            {
                return (await auth.GetAuthenticationStateAsync()).User.Identity?.Name;
            }
            catch (InvalidOperationException)
            {
                // Outside a circuit the provider has no state to give; there is no signed-in user.
            }
        }

        return null;
    }
}

/// <summary>The operator command line: the OS account that ran it, on this machine, with every right.</summary>
internal sealed class CommandLineActor : ICurrentActor
{
    public Task<Actor> GetAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new Actor($"cli:{Environment.UserName}", "local"));

    public Task RequireRoleAsync(string role, CancellationToken cancellationToken) => Task.CompletedTask;
}
