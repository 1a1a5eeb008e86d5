using Lgsp.Directory;

namespace Lgsp.Portal.Data;

/// <summary>The stored form of an <see cref="Agency"/>, with its folded search key.</summary>
public sealed class AgencyRecord
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public string ShortName { get; set; } = "";

    public int Level { get; set; }

    public string? ParentId { get; set; }

    public AgencyStatus Status { get; set; }

    /// <summary>Successor identifiers joined by <c>;</c>.</summary>
    public string SuccessorIds { get; set; } = "";

    public DateOnly? EffectiveFrom { get; set; }

    public DateOnly? EffectiveTo { get; set; }

    /// <summary>Accepted data types joined by <c>;</c>.</summary>
    public string Accepts { get; set; } = "";

    /// <summary>Identifier, short name and name folded by <see cref="VietnameseText.Fold"/>.</summary>
    public string SearchKey { get; set; } = "";

    public DateTime UpdatedUtc { get; set; }

    public Agency ToAgency() => new()
    {
        Id = AgencyIdentifier.Parse(Id),
        Name = Name,
        ShortName = ShortName,
        Status = Status,
        SuccessorIds = Split(SuccessorIds),
        EffectiveFrom = EffectiveFrom,
        EffectiveTo = EffectiveTo,
        Accepts = Split(Accepts),
    };

    public void CopyFrom(Agency agency, DateTime nowUtc)
    {
        Id = agency.Id.Value;
        Name = agency.Name;
        ShortName = agency.ShortName;
        Level = agency.Level;
        ParentId = agency.ParentId;
        Status = agency.Status;
        SuccessorIds = string.Join(';', agency.SuccessorIds);
        EffectiveFrom = agency.EffectiveFrom;
        EffectiveTo = agency.EffectiveTo;
        Accepts = string.Join(';', agency.Accepts);
        SearchKey = AgencySearch.SearchKey(agency);
        UpdatedUtc = nowUtc;
    }

    private static string[] Split(string joined) =>
        joined.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
