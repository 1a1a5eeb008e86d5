namespace Lgsp.Directory;

/// <summary>
/// An agency (cơ quan, đơn vị) of the directory: a body that files requests and whose applications exchange data.
/// Retired entries stay in the directory and point to their successors.
/// </summary>
public sealed record Agency
{
    /// <summary>The state identifier.</summary>
    public required AgencyIdentifier Id { get; init; }

    /// <summary>Full name, NFC-normalised.</summary>
    public required string Name { get; init; }

    /// <summary>Abbreviation or short name; may be empty.</summary>
    public string ShortName { get; init; } = "";

    /// <summary>Where the agency stands.</summary>
    public AgencyStatus Status { get; init; } = AgencyStatus.Active;

    /// <summary>Identifiers of the bodies that carry on after a rename, merger, split or dissolution.</summary>
    public IReadOnlyList<string> SuccessorIds { get; init; } = [];

    /// <summary>First day the entry is in force, when known.</summary>
    public DateOnly? EffectiveFrom { get; init; }

    /// <summary>Last day the entry is in force, for retired entries.</summary>
    public DateOnly? EffectiveTo { get; init; }

    /// <summary>Data types its systems accept (see <see cref="DataTypes"/>).</summary>
    public IReadOnlyList<string> Accepts { get; init; } = DataTypes.All;

    /// <summary>The identifier's level, 1 to 4.</summary>
    public int Level => Id.Level;

    /// <summary>The parent body's identifier, derived from <see cref="Id"/>.</summary>
    public string? ParentId => Id.Parent?.Value;
}
