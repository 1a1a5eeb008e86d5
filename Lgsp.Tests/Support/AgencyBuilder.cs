using Lgsp.Directory;

namespace Lgsp.Tests.Support;

/// <summary>Builds directory entries for tests with sensible defaults.</summary>
internal static class AgencyBuilder
{
    public static Agency Agency(
        string id,
        string name,
        string shortName = "",
        AgencyStatus status = AgencyStatus.Active,
        params string[] successors) => new()
        {
            Id = AgencyIdentifier.Parse(id),
            Name = name,
            ShortName = shortName,
            Status = status,
            SuccessorIds = successors,
        };
}
