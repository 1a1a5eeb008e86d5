using Lgsp.Portal.Audit;
using Lgsp.Portal.Data;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Lgsp.Portal.Components.Pages.Admin;

/// <summary>The audit log, newest first, filtered by actor, action, target and dates (Vietnam time).</summary>
public sealed partial class AuditTrail
{
    private MudTable<AuditEntry>? _table;
    private string? _actor;
    private string? _action;
    private string? _target;
    private DateTime? _from;
    private DateTime? _to;

    [Inject]
    private AuditLog Audit { get; set; } = default!;

    private async Task FilterAsync() => await _table!.ReloadServerData();

    private async Task<TableData<AuditEntry>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        var query = new AuditQuery(
            _actor,
            _action,
            _target,
            _from is { } from ? DateOnly.FromDateTime(from) : null,
            _to is { } to ? DateOnly.FromDateTime(to) : null,
            state.Page,
            state.PageSize);
        var page = await Audit.ReadAsync(query, cancellationToken);
        return new TableData<AuditEntry> { Items = page.Entries, TotalItems = page.Total };
    }
}
