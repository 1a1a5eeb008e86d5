using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Net.Mail;
using System.Text.RegularExpressions;
using Lgsp.Directory;

namespace Lgsp.Forms.Content;

/// <summary>A field that must hold text other than white space.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RequiredTextAttribute : ValidationAttribute
{
    /// <inheritdoc />
    public override bool IsValid(object? value) => value switch
    {
        null => false,
        string text => !string.IsNullOrWhiteSpace(text),
        _ => true,
    };

    /// <inheritdoc />
    public override string FormatErrorMessage(string name) => $"Vui lòng nhập {FieldRules.Lower(name)}.";
}

/// <summary>A field a reply needs when it grants the request, and not when it refuses it.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RequiredUnlessRefusedAttribute : ValidationAttribute
{
    /// <inheritdoc />
    protected override ValidationResult? IsValid(object? value, ValidationContext context) =>
        context.ObjectInstance is DepartmentReply { Refused: true } || !string.IsNullOrWhiteSpace(value as string)
            ? ValidationResult.Success
            : new ValidationResult($"Vui lòng nhập {FieldRules.Lower(context.DisplayName)}.", [context.MemberName!]);
}

/// <summary>An e-mail address of one mailbox, without a display name.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class EmailTextAttribute : ValidationAttribute
{
    /// <inheritdoc />
    public override bool IsValid(object? value) => value is not string text || text.Length == 0
        || FieldRules.IsEmail(text);

    /// <inheritdoc />
    public override string FormatErrorMessage(string name) =>
        $"{name} không đúng dạng thư điện tử (ví dụ: ten@coquan.gov.vn).";
}

/// <summary>A Vietnamese telephone number: a mobile (10 digits from 03, 05, 07, 08, 09) or a landline (02…).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PhoneTextAttribute : ValidationAttribute
{
    /// <inheritdoc />
    public override bool IsValid(object? value) => value is not string text || text.Length == 0
        || FieldRules.IsVietnamesePhone(text);

    /// <inheritdoc />
    public override string FormatErrorMessage(string name) =>
        $"{name} không đúng dạng số điện thoại Việt Nam (ví dụ: 0912 345 678 hoặc 0204 3854 321).";
}

/// <summary>A state identifier of an agency (mã định danh, e.g. 000.00.14.H06).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AgencyIdentifierTextAttribute : ValidationAttribute
{
    /// <inheritdoc />
    protected override ValidationResult? IsValid(object? value, ValidationContext context)
    {
        if (value is not string text || text.Length == 0 || AgencyIdentifier.TryParse(text, out _, out var error))
        {
            return ValidationResult.Success;
        }

        return new ValidationResult($"{context.DisplayName} không hợp lệ: {error}", [context.MemberName!]);
    }
}

/// <summary>Addresses, one per line, each an absolute https URL (http only for the local machine).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class UrlLinesAttribute : ValidationAttribute
{
    /// <inheritdoc />
    protected override ValidationResult? IsValid(object? value, ValidationContext context)
    {
        var wrong = FieldRules.Lines(value as string).Where(line => !FieldRules.IsApplicationUrl(line)).ToList();
        return wrong.Count == 0
            ? ValidationResult.Success
            : new ValidationResult(
                $"{context.DisplayName}: {string.Join(", ", wrong.Select(w => $"\"{w}\""))} không hợp lệ; mỗi dòng "
                + "phải là một địa chỉ https đầy đủ, không có phần sau dấu # (ví dụ: https://ungdung.gov.vn/).",
                [context.MemberName!]);
    }
}

/// <summary>A date within the years a letter of this platform can carry.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class LetterDateAttribute : ValidationAttribute
{
    /// <inheritdoc />
    public override bool IsValid(object? value) => value is not DateTime date || date.Year is >= 2000 and <= 2100;

    /// <inheritdoc />
    public override string FormatErrorMessage(string name) => $"{name} phải trong khoảng năm 2000–2100.";
}

/// <summary>The checks behind the attributes, for code that validates outside a form.</summary>
public static partial class FieldRules
{
    /// <summary>The non-empty, trimmed lines of a multi-line field.</summary>
    public static IReadOnlyList<string> Lines(string? text) => (text ?? "")
        .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>True for one mailbox address with a dotted domain and nothing else.</summary>
    public static bool IsEmail(string text) =>
        MailAddress.TryCreate(text, out var address)
        && address.Address == text.Trim()
        && address.Host.Contains('.', StringComparison.Ordinal)
        && !address.Host.EndsWith('.');

    /// <summary>True for a Vietnamese mobile or landline number, with optional spaces, dots, dashes and +84.</summary>
    public static bool IsVietnamesePhone(string text)
    {
        var digits = Separators().Replace(text.Trim(), "");
        if (digits.StartsWith("+84", StringComparison.Ordinal))
        {
            digits = "0" + digits[3..];
        }

        return Mobile().IsMatch(digits) || Landline().IsMatch(digits);
    }

    /// <summary>True for an absolute https URL without credentials, or http on the local machine.</summary>
    public static bool IsApplicationUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri)
        && string.IsNullOrEmpty(uri.UserInfo)
        && string.IsNullOrEmpty(uri.Fragment)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));

    internal static string Lower(string name) =>
        name.Length == 0 ? name : char.ToLower(name[0], CultureInfo.GetCultureInfo("vi-VN")) + name[1..];

    [GeneratedRegex(@"[\s.\-()]")]
    private static partial Regex Separators();

    [GeneratedRegex(@"^0(3[2-9]|5[25689]|7[06-9]|8[1-9]|9\d)\d{7}$")]
    private static partial Regex Mobile();

    [GeneratedRegex(@"^02\d{9}$")]
    private static partial Regex Landline();
}
