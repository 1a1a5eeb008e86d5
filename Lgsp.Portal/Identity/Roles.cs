namespace Lgsp.Portal.Identity;

/// <summary>The six roles of the portal (domain.md, "Who uses the product").</summary>
public static class Roles
{
    /// <summary>Cán bộ của cơ quan, đơn vị: files requests, watches the agency's traffic.</summary>
    public const string AgencyOfficer = nameof(AgencyOfficer);

    /// <summary>Thủ trưởng cơ quan, đơn vị: signs the agency's outgoing letters.</summary>
    public const string AgencyHead = nameof(AgencyHead);

    /// <summary>Chuyên viên: checks requests, drafts replies, issues keys and accounts.</summary>
    public const string Specialist = nameof(Specialist);

    /// <summary>Giám đốc Sở: approves and signs the Department's replies.</summary>
    public const string Director = nameof(Director);

    /// <summary>Lãnh đạo: reads dashboards and statistics.</summary>
    public const string Manager = nameof(Manager);

    /// <summary>Quản trị hệ thống: users, roles, directory, holidays, settings.</summary>
    public const string Administrator = nameof(Administrator);

    /// <summary>Staff roles, comma-joined for <c>[Authorize(Roles = …)]</c>.</summary>
    public const string Staff = "Specialist,Director,Manager,Administrator";

    /// <summary>Every role, in the order the portal lists them.</summary>
    public static IReadOnlyList<string> All { get; } =
        [AgencyOfficer, AgencyHead, Specialist, Director, Manager, Administrator];

    /// <summary>Whether accounts in <paramref name="role"/> belong to an agency.</summary>
    public static bool IsAgencyRole(string role) => role is AgencyOfficer or AgencyHead;

    /// <summary>The role's Vietnamese label.</summary>
    public static string Label(string role) => role switch
    {
        AgencyOfficer => "Cán bộ cơ quan, đơn vị",
        AgencyHead => "Thủ trưởng cơ quan, đơn vị",
        Specialist => "Chuyên viên",
        Director => "Giám đốc Sở",
        Manager => "Lãnh đạo",
        Administrator => "Quản trị hệ thống",
        _ => role,
    };

    /// <summary>Finds a role by its code name, ignoring case; null when there is none.</summary>
    public static string? Find(string? name) =>
        All.FirstOrDefault(role => role.Equals(name?.Trim(), StringComparison.OrdinalIgnoreCase));
}
