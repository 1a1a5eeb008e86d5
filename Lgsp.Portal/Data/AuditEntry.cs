namespace Lgsp.Portal.Data;

/// <summary>
/// One line of the audit log: who did what to what, when and from where. Rows are only ever inserted; the
/// database refuses updates and deletes (triggers in the initial migration).
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTime OccurredUtc { get; set; }

    /// <summary>The account name, or <c>cli:&lt;os user&gt;</c> for the operator command line.</summary>
    public string Actor { get; set; } = "";

    /// <summary>A stable action code, see <see cref="Audit.AuditActions"/>.</summary>
    public string Action { get; set; } = "";

    /// <summary>What was acted on: an account, an agency identifier, a setting.</summary>
    public string Target { get; set; } = "";

    /// <summary>Human-readable detail; never a secret.</summary>
    public string Details { get; set; } = "";

    public string IpAddress { get; set; } = "";
}
