namespace Lgsp.Directory;

/// <summary>
/// Ranks agencies against a query, insensitive to case and Vietnamese diacritics. Identifiers rank first,
/// then short names, then names that start with the query, then names holding every word of it.
/// </summary>
public static class AgencySearch
{
    /// <summary>The text an agency is searched by, folded once and stored beside it.</summary>
    public static string SearchKey(Agency agency) =>
        VietnameseText.Fold($"{agency.Id.Value} {agency.ShortName} {agency.Name}");

    /// <summary>The folded words of a query; an agency matches when its search key holds each.</summary>
    public static IReadOnlyList<string> Terms(string query) =>
        VietnameseText.Fold(query).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// A score for <paramref name="agency"/> against <paramref name="query"/>: higher is better, 0 is none.
    /// </summary>
    public static int Score(Agency agency, string query)
    {
        var folded = VietnameseText.Fold(query);
        var terms = Terms(query);
        if (terms.Count == 0)
        {
            return 0;
        }

        var id = agency.Id.Value.ToLowerInvariant();
        var name = VietnameseText.Fold(agency.Name);
        var shortName = VietnameseText.Fold(agency.ShortName);
        var key = $"{id} {shortName} {name}";
        if (!terms.All(term => key.Contains(term, StringComparison.Ordinal)))
        {
            return 0;
        }

        var score = 0;
        if (id == folded)
        {
            score += 1000;
        }
        else if (id.StartsWith(folded, StringComparison.Ordinal))
        {
            score += 600;
        }

        if (shortName.Length > 0 && shortName == folded)
        {
            score += 800;
        }

        if (name == folded)
        {
            score += 700;
        }
        else if (name.StartsWith(folded, StringComparison.Ordinal))
        {
            score += 400;
        }
        else if ($" {name}".Contains($" {folded}", StringComparison.Ordinal))
        {
            score += 250;
        }

        score += 10 * terms.Count(term => $" {name} {shortName}".Contains($" {term}", StringComparison.Ordinal));

        // Bodies in operation come before retired ones, and higher levels before their children.
        score += agency.Status == AgencyStatus.Active ? 50 : 0;
        return score + (5 - agency.Level);
    }

    /// <summary>The agencies matching <paramref name="query"/>, best first, at most <paramref name="limit"/>.</summary>
    public static IReadOnlyList<Agency> Search(IEnumerable<Agency> agencies, string query, int limit = 50) =>
        agencies
            .Select(agency => (agency, score: Score(agency, query)))
            .Where(match => match.score > 0)
            .OrderByDescending(match => match.score)
            .ThenBy(match => match.agency.Name.Length)
            .ThenBy(match => match.agency.Id.Value, StringComparer.Ordinal)
            .Take(limit)
            .Select(match => match.agency)
            .ToList();
}
