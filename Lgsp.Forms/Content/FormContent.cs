using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Lgsp.Directory;
using Lgsp.Forms.Catalog;

namespace Lgsp.Forms.Content;

/// <summary>One field that fails validation, with its message in Vietnamese.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>
/// The filled fields of one appendix template. Properties are the template's blanks in the template's order
/// (<see cref="DisplayAttribute.Order"/>), named for the UI by <see cref="DisplayAttribute.Name"/>; validation
/// attributes say which are required and what shape each takes. The portal stores the content as JSON.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "form")]
[JsonDerivedType(typeof(RegisterApplicationForm), "01")]
[JsonDerivedType(typeof(ApplicationRegisteredReply), "02")]
[JsonDerivedType(typeof(RequestLgspAccountForm), "03")]
[JsonDerivedType(typeof(LgspAccountProvidedReply), "04")]
[JsonDerivedType(typeof(LgspHandoverMinutes), "05")]
[JsonDerivedType(typeof(CancelApplicationForm), "06")]
[JsonDerivedType(typeof(ApplicationCancelledReply), "07")]
[JsonDerivedType(typeof(RegisterSsoForm), "08")]
[JsonDerivedType(typeof(SsoRegisteredReply), "08-reply")]
[JsonDerivedType(typeof(RequestSsoAccountForm), "09")]
[JsonDerivedType(typeof(SsoAccountProvidedReply), "10")]
[JsonDerivedType(typeof(SsoHandoverMinutes), "11")]
[JsonDerivedType(typeof(CancelSsoForm), "12")]
[JsonDerivedType(typeof(SsoCancelledReply), "13")]
public abstract class FormContent : IValidatableObject
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The template this content fills.</summary>
    [JsonIgnore]
    public abstract FormKind Kind { get; }

    /// <summary>Place named in the date line (địa danh): the province, from the settings.</summary>
    [Display(Name = "Địa danh", Order = 20), RequiredText]
    public string Place { get; set; } = "";

    /// <summary>Extra recipients (Nơi nhận) besides the addressee and the archive, one per line.</summary>
    [Display(Name = "Nơi nhận khác (mỗi dòng một nơi)", Order = 900), DataType(DataType.MultilineText)]
    public string OtherRecipients { get; set; } = "";

    /// <summary>Every field that fails, with Vietnamese messages; empty when the content can be submitted.</summary>
    public IReadOnlyList<FieldError> Check()
    {
        var context = new ValidationContext(this);
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(this, context, results, validateAllProperties: true))
        {
            // The validator skips the cross-field rules once a field fails; a person fixing the form wants every
            // error at once.
            results.AddRange(Validate(context));
        }

        var errors = results
            .Select(r => new FieldError(r.MemberNames.FirstOrDefault() ?? "", r.ErrorMessage ?? ""))
            .Concat(TooLong())
            .Distinct()
            .ToList();
        return errors;
    }

    /// <summary>The longest text a field takes: a line for names and numbers, a page for multi-line fields.</summary>
    public static int MaxLength(PropertyInfo property) =>
        property.GetCustomAttribute<DataTypeAttribute>()?.DataType == DataType.MultilineText ? 4000 : 300;

    private IEnumerable<FieldError> TooLong() =>
        from property in EditableProperties(GetType())
        where property.PropertyType == typeof(string)
        let value = (string?)property.GetValue(this) ?? ""
        let limit = MaxLength(property)
        where value.Length > limit
        select new FieldError(property.Name,
            $"{property.GetCustomAttribute<DisplayAttribute>()!.GetName()} dài tối đa {limit} ký tự.");

    /// <summary>Normalises every text field to Unicode NFC and trims it, as the boundary rule requires.</summary>
    public void Normalize()
    {
        foreach (var property in EditableProperties(GetType()).Where(p => p.PropertyType == typeof(string)))
        {
            var value = (string?)property.GetValue(this) ?? "";
            var multiLine = property.GetCustomAttribute<DataTypeAttribute>()?.DataType == DataType.MultilineText;
            property.SetValue(this, multiLine ? NormalizeLines(value) : VietnameseText.Normalize(value));
        }
    }

    /// <inheritdoc />
    public virtual IEnumerable<ValidationResult> Validate(ValidationContext validationContext) => [];

    /// <summary>The content as stored.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Stored content read back.</summary>
    public static FormContent FromJson(string json) =>
        JsonSerializer.Deserialize<FormContent>(json, Json) ?? throw new JsonException("Empty form content.");

    /// <summary>A copy, so that an editor can work on it without touching the original until it saves.</summary>
    public FormContent Clone() => FromJson(ToJson());

    /// <summary>The fields a person fills, in the template's order.</summary>
    public static IReadOnlyList<PropertyInfo> EditableProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.GetCustomAttribute<DisplayAttribute>() is not null)
            .OrderBy(p => p.GetCustomAttribute<DisplayAttribute>()!.GetOrder() ?? 0)
            .ToList();

    private static string NormalizeLines(string text) =>
        string.Join('\n', text.Replace("\r", "", StringComparison.Ordinal).Split('\n')
            .Select(line => VietnameseText.Normalize(line))
            .Where(line => line.Length > 0));
}
