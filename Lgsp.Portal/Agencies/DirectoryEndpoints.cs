using System.Text;
using Lgsp.Portal.Identity;

namespace Lgsp.Portal.Agencies;

/// <summary>Downloads of the directory.</summary>
internal static class DirectoryEndpoints
{
    public static IEndpointRouteBuilder MapDirectoryEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/agencies/export.csv", async (
                AgencyDirectoryService directory,
                TimeProvider time,
                CancellationToken cancellationToken) =>
            {
                // A directory is thousands of rows at most: it is built in memory, then sent in one write.
                var csv = new StringWriter();
                await directory.ExportAsync(csv, cancellationToken);

                // A byte order mark so that spreadsheet programs read the file as UTF-8.
                var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray();
                var date = VietnamTime.ToLocal(time.GetUtcNow().UtcDateTime).ToString("yyyyMMdd", VietnamTime.Culture);
                return TypedResults.File(bytes, "text/csv; charset=utf-8", $"danh-ba-co-quan-{date}.csv");
            })
            .RequireAuthorization(policy => policy.RequireRole(Roles.Staff.Split(',')));
        return endpoints;
    }
}
