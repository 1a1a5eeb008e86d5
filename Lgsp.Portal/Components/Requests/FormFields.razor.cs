using System.ComponentModel.DataAnnotations;
using System.Linq.Expressions;
using System.Reflection;
using Lgsp.Forms.Content;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Lgsp.Portal.Components.Requests;

/// <summary>How a field is edited.</summary>
public enum FieldKind
{
    Text,
    MultiLine,
    Date,
    Time,
    Flag,
    Choice,
}

/// <summary>One field of a form as the editor shows it, read from the model's attributes.</summary>
/// <param name="Locked">Filled by the portal from the request or the register, never by hand.</param>
public sealed record FormField(
    PropertyInfo Property,
    string Label,
    string Group,
    FieldKind Kind,
    string? Hint,
    string? Help,
    bool Required,
    bool Locked)
{
    /// <summary>The label with a star on a required field.</summary>
    public string Caption => Required && !Locked ? $"{Label} *" : Label;

    /// <summary>The longest text the field takes.</summary>
    public int MaxLength => FormContent.MaxLength(Property);

    public object? Get(object model) => Property.GetValue(model);

    public void Set(object model, object? value) => Property.SetValue(model, value);

    /// <summary>The accessor MudBlazor binds validation messages to.</summary>
    public Expression<Func<T>> For<T>(object model) =>
        Expression.Lambda<Func<T>>(Expression.Property(Expression.Constant(model), Property));

    /// <summary>The fields of a form type in the template's order.</summary>
    public static IReadOnlyList<FormField> Of(Type type) => [.. FormContent.EditableProperties(type).Select(p =>
    {
        var display = p.GetCustomAttribute<DisplayAttribute>()!;
        var hint = p.GetCustomAttribute<UIHintAttribute>()?.UIHint;
        var multiLine = p.GetCustomAttribute<DataTypeAttribute>()?.DataType == DataType.MultilineText;
        var kind = hint is not null ? FieldKind.Choice
            : p.PropertyType == typeof(DateTime?) ? FieldKind.Date
            : p.PropertyType == typeof(TimeSpan?) ? FieldKind.Time
            : p.PropertyType == typeof(bool) ? FieldKind.Flag
            : multiLine ? FieldKind.MultiLine
            : FieldKind.Text;
        var required = p.GetCustomAttribute<RequiredTextAttribute>() is not null
            || p.GetCustomAttribute<RequiredAttribute>() is not null
            || p.GetCustomAttribute<RequiredUnlessRefusedAttribute>() is not null;
        var locked = p.GetCustomAttribute<EditableAttribute>()?.AllowEdit == false;
        return new FormField(p, display.GetName() ?? p.Name, display.GetGroupName() ?? "", kind, hint,
            display.GetDescription(), required, locked);
    })];
}

/// <summary>
/// Edits (or shows) any appendix form: the fields come from the model's attributes in the template's order, so
/// the thirteen forms share one editor and their labels and validation live with the forms themselves. Place it
/// inside an <c>EditForm</c> with a <c>DataAnnotationsValidator</c>.
/// </summary>
public sealed partial class FormFields
{
    private IReadOnlyList<FormField> _fields = [];

    /// <summary>The form being edited.</summary>
    [Parameter, EditorRequired]
    public FormContent Model { get; set; } = default!;

    /// <summary>Shows the fields without letting them change.</summary>
    [Parameter]
    public bool ReadOnly { get; set; }

    /// <summary>
    /// Options of the choice fields, by the field's UI hint ("algorithm", "application", "sso-client"): value and
    /// label.
    /// </summary>
    [Parameter]
    public IReadOnlyDictionary<string, IReadOnlyList<KeyValuePair<string, string>>> Choices { get; set; } =
        new Dictionary<string, IReadOnlyList<KeyValuePair<string, string>>>();

    /// <summary>
    /// What the inputs' ids start with (<c>field</c>, then <c>-PropertyName</c>), so that two forms on one page
    /// (a request and its reply) keep their ids apart.
    /// </summary>
    [Parameter]
    public string IdPrefix { get; set; } = "field";

    /// <summary>Fields to leave out, by property name.</summary>
    [Parameter]
    public IReadOnlyCollection<string> Hidden { get; set; } = [];

    // A form that can no longer change shows what it says: empty optional fields are left out.
    protected override void OnParametersSet() =>
        _fields = [.. FormField.Of(Model.GetType())
            .Where(f => !Hidden.Contains(f.Property.Name))
            .Where(f => !ReadOnly || f.Required || !IsEmpty(f.Get(Model)))];

    private static bool IsEmpty(object? value) => value is null || value is string { Length: 0 } || value is false;

    private readonly Dictionary<string, object> _accessors = [];

    private string IdOf(FormField field) => $"{IdPrefix}-{field.Property.Name}";

    private bool Locked(FormField field) => ReadOnly || field.Locked;

    private string CaptionOf(FormField field) => ReadOnly ? field.Label : field.Caption;

    private Variant VariantOf(FormField field) => Locked(field) ? Variant.Filled : Variant.Outlined;
    private object? _accessorsOf;

    private Expression<Func<string>> TextFor(FormField field) => Accessor<string>(field);

    private Expression<Func<DateTime?>> DateFor(FormField field) => Accessor<DateTime?>(field);

    private Expression<Func<TimeSpan?>> TimeFor(FormField field) => Accessor<TimeSpan?>(field);

    // One expression per field and model: MudBlazor re-binds validation when the expression object changes.
    private Expression<Func<T>> Accessor<T>(FormField field)
    {
        if (!ReferenceEquals(_accessorsOf, Model))
        {
            _accessors.Clear();
            _accessorsOf = Model;
        }

        if (!_accessors.TryGetValue(field.Property.Name, out var accessor))
        {
            accessor = field.For<T>(Model);
            _accessors[field.Property.Name] = accessor;
        }

        return (Expression<Func<T>>)accessor;
    }

    private IEnumerable<(string Value, string Label)> OptionsFor(FormField field)
    {
        if (field.Hint == "algorithm")
        {
            return RegisterApplicationForm.Algorithms.Select(a => (a, a.ToUpperInvariant()));
        }

        var current = (string?)field.Get(Model) ?? "";
        var options = Choices.TryGetValue(field.Hint ?? "", out var list) ? list : [];
        var all = options.Select(o => (o.Key, o.Value)).ToList();
        if (current.Length > 0 && all.All(o => o.Key != current))
        {
            all.Add((current, current));
        }

        return all;
    }
}
