using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Components;

namespace Lgsp.Portal.Identity;

/// <summary>Redirects from statically rendered account pages, keeping the target inside the portal.</summary>
internal sealed class IdentityRedirectManager(NavigationManager navigation)
{
    [DoesNotReturn]
    public void RedirectTo(string? uri)
    {
        // Only local paths: a return URL from a query string must not send the user to another site.
        var target = IsLocal(uri) ? uri! : "/";

        // In static rendering NavigateTo ends the response with a redirect by throwing; nothing after it runs.
        navigation.NavigateTo(target);
        throw new InvalidOperationException($"{nameof(IdentityRedirectManager)} works only in static rendering.");
    }

    public static bool IsLocal(string? uri) =>
        !string.IsNullOrEmpty(uri) && uri[0] == '/' && (uri.Length == 1 || (uri[1] != '/' && uri[1] != '\\'));
}
