using Microsoft.AspNetCore.Components.Authorization;

namespace Lgsp.Portal.Audit;

/// <summary>Who is acting, and from where, as the audit log records it.</summary>
public sealed record Actor(string Name, string IpAddress);

/// <summary>Finds the acting person for the audit log.</summary>
public interface ICurrentActor
{
    /// <summary>The acting person now.</summary>
    Task<Actor> GetAsync(CancellationToken cancellationToken);
}

/// <summary>
/// The actor of a web request or an interactive circuit. In a circuit the authentication state comes from
/// Blazor; in a plain HTTP request (sign-in, downloads) from the request's user.
/// </summary>
internal sealed class WebActor(IHttpContextAccessor http, IServiceProvider services) : ICurrentActor
{
    public async Task<Actor> GetAsync(CancellationToken cancellationToken)
    {
        var context = http.HttpContext;
        var ip = context?.Connection.RemoteIpAddress?.ToString() ?? "";
        var name = context?.User.Identity?.IsAuthenticated == true ? context.User.Identity.Name : null;
        if (name is null && services.GetService(typeof(AuthenticationStateProvider)) is AuthenticationStateProvider auth)
        {
            try
            {
                var state = await auth.GetAuthenticationStateAsync();
                name = state.User.Identity?.Name;
            }
            catch (InvalidOperationException)
            {
                // Outside a circuit the provider has no state to give; the request's user was the answer.
            }
        }

        return new Actor(name ?? "(ẩn danh)", ip);
    }
}

/// <summary>The operator command line: the OS account that ran it, on this machine.</summary>
internal sealed class CommandLineActor : ICurrentActor
{
    public Task<Actor> GetAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new Actor($"cli:{Environment.UserName}", "local"));
}
