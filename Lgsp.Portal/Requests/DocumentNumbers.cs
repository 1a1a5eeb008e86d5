using Lgsp.Portal.Data;
using Microsoft.EntityFrameworkCore;

namespace Lgsp.Portal.Requests;

/// <summary>The issuing bodies that number their own documents.</summary>
public static class DocumentIssuers
{
    /// <summary>The Department's letters (replies and refusals).</summary>
    public const string Department = "department";

    /// <summary>The IT centre's handover minutes.</summary>
    public const string ItCentre = "it-centre";
}

/// <summary>
/// Allocates document numbers per issuing body per year. The increment is one SQL statement inside the caller's
/// transaction: SQLite lets one writer in at a time, so two issues at the same moment get consecutive numbers,
/// and a rolled-back issue gives its number back, so there are neither duplicates nor gaps.
/// </summary>
public sealed class DocumentNumbers(PortalDbContext db)
{
    /// <summary>The next number of <paramref name="issuer"/> in <paramref name="year"/>; needs a transaction.</summary>
    public async Task<int> NextAsync(string issuer, int year, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Document numbers are allocated inside the issuing transaction.");
        }

        var numbers = await db.Database.SqlQuery<int>($"""
            INSERT INTO DocumentCounters (Issuer, Year, Last) VALUES ({issuer}, {year}, 1)
            ON CONFLICT (Issuer, Year) DO UPDATE SET Last = Last + 1
            RETURNING Last AS Value
            """).AsAsyncEnumerable().ToListAsync(cancellationToken);
        return numbers.Single();
    }
}
