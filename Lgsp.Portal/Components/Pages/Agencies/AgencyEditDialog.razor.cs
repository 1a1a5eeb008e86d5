using Lgsp.Directory;
using Lgsp.Portal.Agencies;
using Lgsp.Portal.Audit;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Lgsp.Portal.Components.Pages.Agencies;

/// <summary>Creates an agency, or edits one's name, short name, start date and accepted data types.</summary>
public sealed partial class AgencyEditDialog
{
    private MudForm? _form;
    private AgencyInput _input = new();
    private string? _error;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Inject]
    private AgencyDirectoryService Directory { get; set; } = default!;

    /// <summary>The agency to edit, or null to create one.</summary>
    [Parameter]
    public Agency? Agency { get; set; }

    protected override void OnInitialized()
    {
        if (Agency is not null)
        {
            _input = new AgencyInput
            {
                Id = Agency.Id.Value,
                Name = Agency.Name,
                ShortName = Agency.ShortName,
                EffectiveFrom = Agency.EffectiveFrom?.ToDateTime(TimeOnly.MinValue),
                Accepts = Agency.Accepts.ToHashSet(),
            };
        }
    }

    private static string? ValidateId(string id) =>
        AgencyIdentifier.TryParse(id, out _, out var error) ? null : error;

    private void Cancel() => Dialog.Cancel();

    private async Task SaveAsync()
    {
        await _form!.ValidateAsync();
        if (!_form.IsValid)
        {
            return;
        }

        var id = AgencyIdentifier.Parse(_input.Id);
        if (Agency is null && await Directory.FindAsync(id.Value, CancellationToken.None) is not null)
        {
            _error = $"Mã {id} đã có trong danh bạ.";
            return;
        }

        var agency = (Agency ?? new Agency { Id = id, Name = "" }) with
        {
            Name = _input.Name,
            ShortName = _input.ShortName ?? "",
            EffectiveFrom = _input.EffectiveFrom is { } from ? DateOnly.FromDateTime(from) : null,
            Accepts = _input.Accepts.Count > 0 ? DataTypes.All.Where(_input.Accepts.Contains).ToList() : DataTypes.All,
        };
        try
        {
            await Directory.SaveAsync(agency, CancellationToken.None);
            Dialog.Close(DialogResult.Ok(agency.Id.Value));
        }
        catch (PortalRuleException exception)
        {
            _error = exception.Message;
        }
    }

    private sealed class AgencyInput
    {
        public string Id { get; set; } = "";

        public string Name { get; set; } = "";

        public string? ShortName { get; set; }

        public DateTime? EffectiveFrom { get; set; }

        public IReadOnlyCollection<string> Accepts { get; set; } = DataTypes.All.ToHashSet();
    }
}
