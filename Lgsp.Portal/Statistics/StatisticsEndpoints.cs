using System.Globalization;
using Lgsp.Portal.Identity;

namespace Lgsp.Portal.Statistics;

/// <summary>Downloads of the traffic reports, for the Department's staff and managers.</summary>
internal static class StatisticsEndpoints
{
    /// <summary>The longest period one report covers.</summary>
    private const int MaxDays = 3 * 366;

    public static IEndpointRouteBuilder MapStatisticsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/statistics/traffic.xlsx", async Task<IResult> (
                string? from,
                string? to,
                TrafficReports reports,
                CancellationToken cancellationToken) =>
            {
                if (!TryPeriod(from, to, out var first, out var last, out var problem))
                {
                    return TypedResults.BadRequest(problem);
                }

                var totals = await reports.TotalsAsync(first, last, cancellationToken);
                var names = await reports.NamesAsync(cancellationToken);
                var title = $"Lưu lượng trao đổi dữ liệu qua LGSP từ {first:dd/MM/yyyy} đến {last:dd/MM/yyyy}";

                // The workbook is zipped with synchronous writes, which the response refuses: it goes to a
                // temporary file first (memory stays flat however long the report), then out, then away.
                var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite,
                    FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
                await TrafficWorkbook.WriteAsync(file, title, totals,
                    reports.DaysAsync(first, last, cancellationToken), names, cancellationToken);
                file.Position = 0;
                return TypedResults.Stream(file,
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    $"luu-luong-{first:yyyyMMdd}-{last:yyyyMMdd}.xlsx");
            })
            .RequireAuthorization(policy => policy.RequireRole(Roles.Staff.Split(',')));
        return endpoints;
    }

    /// <summary>Reads a period given as yyyy-MM-dd days, both included.</summary>
    internal static bool TryPeriod(
        string? from, string? to, out DateOnly first, out DateOnly last, out string problem)
    {
        first = last = default;
        problem = "";
        if (!DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out first)
            || !DateOnly.TryParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out last))
        {
            problem = "Cần tham số from và to dạng yyyy-MM-dd, ví dụ ?from=2026-12-01&to=2026-12-31.";
            return false;
        }

        if (last < first || last.DayNumber - first.DayNumber >= MaxDays)
        {
            problem = $"Khoảng thời gian phải từ from đến to, không quá {MaxDays} ngày.";
            return false;
        }

        return true;
    }
}
