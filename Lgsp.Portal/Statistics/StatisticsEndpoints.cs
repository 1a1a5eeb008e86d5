using Lgsp.Portal.Identity;

namespace Lgsp.Portal.Statistics;

/// <summary>Downloads of the reports, for the Department's staff and managers who asked for them.</summary>
internal static class StatisticsEndpoints
{
    public static IEndpointRouteBuilder MapStatisticsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/statistics/reports/{id:guid}", async Task<IResult> (
                Guid id,
                ReportRuns runs,
                CancellationToken cancellationToken) =>
            {
                // Another person's report, an unfinished one and an unknown one are all simply not there.
                if (await runs.FileAsync(id, cancellationToken) is not var (run, path))
                {
                    return TypedResults.NotFound();
                }

                return TypedResults.PhysicalFile(path, ReportRuns.ContentType(run.Format), ReportRuns.FileName(run));
            })
            .RequireAuthorization(policy => policy.RequireRole(Roles.Staff.Split(',')));
        return endpoints;
    }
}
