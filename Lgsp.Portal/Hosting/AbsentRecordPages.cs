using Lgsp.Portal.Audit;
using Lgsp.Portal.Components.Pages.Requests;
using Lgsp.Portal.Components.Pages.Statistics;
using Lgsp.Portal.Requests;
using Lgsp.Portal.Statistics;
using Microsoft.AspNetCore.Components.Endpoints;

namespace Lgsp.Portal.Hosting;

/// <summary>
/// Answers 404 for the page of a record the signed-in person may not see or that does not exist: a request,
/// an exchange, an application's connection history. The pages render in the browser once their circuit is live
/// (no prerendering), too late to set the response's status, so their records are looked up here first, with
/// the same services and visibility rules the pages use. The status-code pages then show the portal's
/// not-found page; another agency's record and a missing one look the same.
/// </summary>
internal sealed class AbsentRecordPages(RequestDelegate next)
{
    private static readonly Dictionary<Type, Func<HttpContext, Task<bool>>> Records = new()
    {
        [typeof(RequestPage)] = RequestExistsAsync,
        [typeof(ExchangePage)] = async context =>
            await context.RequestServices.GetRequiredService<TrafficLog>()
                .FindAsync(Route(context, nameof(ExchangePage.Id)), context.RequestAborted) is not null,
        [typeof(ConnectionHistoryPage)] = async context =>
            await context.RequestServices.GetRequiredService<ConnectedSystems>()
                .HistoryAsync(Route(context, nameof(ConnectionHistoryPage.AccessKeyId)), 1, context.RequestAborted)
            is not null,
    };

    public async Task InvokeAsync(HttpContext context)
    {
        var page = context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>()?.Type;
        if (page is not null
            && Records.TryGetValue(page, out var exists)
            && HttpMethods.IsGet(context.Request.Method)
            && context.User.Identity?.IsAuthenticated == true
            && !await ExistsAsync(exists, context))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        await next(context);
    }

    /// <summary>Whether the record is there for this person; someone the portal will not act for sees none.</summary>
    private static async Task<bool> ExistsAsync(Func<HttpContext, Task<bool>> exists, HttpContext context)
    {
        try
        {
            return await exists(context);
        }
        catch (ForbiddenActionException)
        {
            return false;
        }
    }

    private static string Route(HttpContext context, string name) =>
        context.Request.RouteValues.TryGetValue(name, out var value) ? value?.ToString() ?? "" : "";

    private static async Task<bool> RequestExistsAsync(HttpContext context) =>
        Guid.TryParse(Route(context, nameof(RequestPage.Id)), out var id)
        && await context.RequestServices.GetRequiredService<RequestService>()
            .IsVisibleAsync(id, context.RequestAborted);
}
