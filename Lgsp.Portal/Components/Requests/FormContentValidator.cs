using Lgsp.Forms.Content;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace Lgsp.Portal.Components.Requests;

/// <summary>
/// Validates an appendix form in its <c>EditForm</c> with the form's own <see cref="FormContent.Check"/>, the same
/// rules the server applies: every error at once (a data-annotations validator skips the cross-field rules while any
/// field fails), shown beside its field.
/// </summary>
public sealed class FormContentValidator : ComponentBase, IDisposable
{
    private ValidationMessageStore? _messages;
    private EditContext? _context;

    [CascadingParameter]
    private EditContext? CurrentEditContext { get; set; }

    /// <summary>Shows errors the server found (for example a name refused by the register) beside their fields.</summary>
    public void Show(IEnumerable<FieldError> errors)
    {
        if (_context is null || _messages is null)
        {
            return;
        }

        foreach (var error in errors.Where(e => e.Field.Length > 0))
        {
            _messages.Add(_context.Field(error.Field), error.Message);
        }

        _context.NotifyValidationStateChanged();
    }

    public void Dispose()
    {
        if (_context is not null)
        {
            _context.OnValidationRequested -= ValidateAll;
            _context.OnFieldChanged -= ValidateField;
        }
    }

    protected override void OnParametersSet()
    {
        if (ReferenceEquals(_context, CurrentEditContext))
        {
            return;
        }

        Dispose();
        _context = CurrentEditContext ?? throw new InvalidOperationException(
            $"{nameof(FormContentValidator)} belongs inside an EditForm.");
        _messages = new ValidationMessageStore(_context);
        _context.OnValidationRequested += ValidateAll;
        _context.OnFieldChanged += ValidateField;
    }

    private void ValidateAll(object? sender, ValidationRequestedEventArgs e)
    {
        _messages!.Clear();
        Show(((FormContent)_context!.Model).Check());
    }

    private void ValidateField(object? sender, FieldChangedEventArgs e)
    {
        var field = e.FieldIdentifier;
        _messages!.Clear(field);
        foreach (var error in ((FormContent)_context!.Model).Check().Where(x => x.Field == field.FieldName))
        {
            _messages.Add(field, error.Message);
        }

        _context.NotifyValidationStateChanged();
    }
}
