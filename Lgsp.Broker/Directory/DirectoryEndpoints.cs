using Lgsp.Broker.Presence;
using Lgsp.Directory;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Lgsp.Broker.Directory;

/// <summary>One directory entry on the wire (spec, "Directory").</summary>
/// <param name="SuccessorId">The first successor of a retired agency, where traffic for it goes.</param>
/// <param name="SuccessorIds">Every successor (a split has several); an addition to the contract.</param>
public sealed record DirectoryEntry(
    string Id,
    string Name,
    string ShortName,
    string? ParentId,
    string Status,
    bool Online,
    IReadOnlyList<string> Accepts,
    string? SuccessorId,
    IReadOnlyList<string> SuccessorIds);

/// <summary><c>GET /api/v1/directory?q=…</c>: search by identifier, name or abbreviation (Điều 5.7).</summary>
internal static class DirectoryEndpoints
{
    private const int MaxResults = 50;

    public static RouteGroupBuilder MapDirectory(this RouteGroupBuilder api)
    {
        api.MapGet("/directory", async (
                string? q,
                IAgencyLookup directory,
                PresenceTracker presence,
                CancellationToken cancellationToken) =>
            {
                var found = await directory.SearchAsync(q ?? "", MaxResults, cancellationToken);
                return TypedResults.Ok(found.Select(agency => ToEntry(agency, presence)).ToList());
            })
            .WithName("SearchDirectory")
            .WithSummary("Agencies matching q by identifier, name or abbreviation, ignoring case and diacritics.");
        return api;
    }

    private static DirectoryEntry ToEntry(Agency agency, PresenceTracker presence) => new(
        agency.Id.Value,
        agency.Name,
        agency.ShortName,
        agency.ParentId,
        agency.Status.ToWord(),
        presence.IsOnline(agency.Id.Value),
        agency.Accepts,
        agency.SuccessorIds.FirstOrDefault(),
        agency.SuccessorIds);
}
