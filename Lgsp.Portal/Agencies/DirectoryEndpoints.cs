using System.Text;
using Lgsp.Portal.Identity;

namespace Lgsp.Portal.Agencies;

/// <summary>Downloads of the directory.</summary>
internal static class DirectoryEndpoints
{
    public static IEndpointRouteBuilder MapDirectoryEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/agencies/export.csv", async (
                HttpContext context,
                AgencyDirectoryService directory,
                TimeProvider time,
                CancellationToken cancellationToken) =>
            {
                var date = VietnamTime.ToLocal(time.GetUtcNow().UtcDateTime).ToString("yyyyMMdd", VietnamTime.Culture);
                context.Response.ContentType = "text/csv; charset=utf-8";
                context.Response.Headers.ContentDisposition = $"attachment; filename=\"danh-ba-co-quan-{date}.csv\"";

                // A byte order mark so that spreadsheet programs read the file as UTF-8.
                await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(true));
                await directory.ExportAsync(writer, cancellationToken);
            })
            .RequireAuthorization(policy => policy.RequireRole(Roles.Staff.Split(',')));
        return endpoints;
    }
}
