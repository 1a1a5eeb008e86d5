using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Lgsp.Forms.Catalog;

namespace Lgsp.Forms.Content;

/// <summary>Mẫu 01: register an application with the LGSP (đăng ký thông tin ứng dụng, dịch vụ kết nối).</summary>
public sealed class RegisterApplicationForm : GroundedRequestForm
{
    /// <summary>The signature algorithms an application may sign broker requests with.</summary>
    public static IReadOnlyList<string> Algorithms { get; } = ["hmac-sha256", "hmac-sha1", "rsa-sha256"];

    /// <inheritdoc />
    public override FormKind Kind => FormKind.RegisterApplication;

    /// <summary>Full name of the application or service.</summary>
    [Display(Name = "Tên ứng dụng, dịch vụ", Order = 100), RequiredText]
    public string ApplicationName { get; set; } = "";

    /// <summary>Its abbreviation.</summary>
    [Display(Name = "Tên viết tắt", Order = 110)]
    public string ApplicationAbbreviation { get; set; } = "";

    /// <summary>Who develops it (đơn vị phát triển).</summary>
    [Display(Name = "Đơn vị phát triển", Order = 120), RequiredText]
    public string Developer { get; set; } = "";

    /// <summary>How the application will sign its requests to the broker.</summary>
    [Display(Name = "Thuật toán ký yêu cầu", Order = 130, Description = "Cách phần mềm của cơ quan ký từng yêu cầu "
        + "gửi đến nền tảng. HMAC-SHA256: Sở cấp khóa bí mật (phổ biến nhất); RSA-SHA256: cơ quan tự giữ khóa riêng "
        + "và dán khóa công khai vào ô dưới.")]
    [RequiredText, UIHint("algorithm")]
    public string SignatureAlgorithm { get; set; } = "hmac-sha256";

    /// <summary>The application's RSA public key in PEM, for rsa-sha256 only.</summary>
    [Display(Name = "Khóa công khai RSA (PEM, chỉ với RSA-SHA256)", Order = 140, Description = "Nội dung tệp "
        + "khóa công khai, bắt đầu bằng -----BEGIN PUBLIC KEY-----; để trống nếu dùng HMAC.")]
    [DataType(DataType.MultilineText)]
    public string PublicKeyPem { get; set; } = "";

    /// <inheritdoc />
    public override IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Algorithms.Contains(SignatureAlgorithm))
        {
            yield return new ValidationResult(
                $"Thuật toán phải là một trong: {string.Join(", ", Algorithms)}.", [nameof(SignatureAlgorithm)]);
        }
        else if (SignatureAlgorithm == "rsa-sha256" && !IsRsaPublicKey(PublicKeyPem))
        {
            yield return new ValidationResult(
                "Với RSA-SHA256, dán khóa công khai RSA dạng PEM (-----BEGIN PUBLIC KEY-----), từ 2048 bit.",
                [nameof(PublicKeyPem)]);
        }
        else if (SignatureAlgorithm != "rsa-sha256" && !string.IsNullOrWhiteSpace(PublicKeyPem))
        {
            yield return new ValidationResult(
                "Khóa công khai chỉ dùng với thuật toán RSA-SHA256.", [nameof(PublicKeyPem)]);
        }
    }

    private static bool IsRsaPublicKey(string pem)
    {
        if (!pem.Contains("PUBLIC KEY-----", StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return rsa.KeySize >= 2048;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}

/// <summary>Mẫu 03: ask for an LGSP administrator account, technical documents and a support contact.</summary>
public sealed class RequestLgspAccountForm : GroundedRequestForm
{
    /// <inheritdoc />
    public override FormKind Kind => FormKind.RequestLgspAccount;
}

/// <summary>Mẫu 06: cancel an application's LGSP registration and revoke its rights.</summary>
public sealed class CancelApplicationForm : AgencyRequestForm
{
    /// <inheritdoc />
    public override FormKind Kind => FormKind.CancelApplication;

    /// <summary>The access key of the registered application to cancel.</summary>
    [Display(Name = "Ứng dụng cần hủy (mã khóa truy cập)", Order = 100), RequiredText, UIHint("application")]
    public string AccessKeyId { get; set; } = "";

    /// <summary>The application's name as the letter prints it, always taken from the register.</summary>
    [Display(Name = "Tên ứng dụng, dịch vụ (theo đăng ký)", Order = 110), Editable(false)]
    public string ApplicationName { get; set; } = "";
}

/// <summary>
/// Mẫu 08: register an application with the provincial single sign-on (SSO). Beyond the template, it collects
/// what the sign-on system needs: where users come back after signing in, and after signing out.
/// </summary>
public sealed class RegisterSsoForm : GroundedRequestForm
{
    /// <inheritdoc />
    public override FormKind Kind => FormKind.RegisterSso;

    /// <summary>Full name of the application or service.</summary>
    [Display(Name = "Tên ứng dụng, dịch vụ", Order = 100), RequiredText]
    public string ApplicationName { get; set; } = "";

    /// <summary>Its abbreviation.</summary>
    [Display(Name = "Tên viết tắt", Order = 110)]
    public string ApplicationAbbreviation { get; set; } = "";

    /// <summary>Who develops it.</summary>
    [Display(Name = "Đơn vị phát triển", Order = 120), RequiredText]
    public string Developer { get; set; } = "";

    /// <summary>Sign-in callback (redirect) addresses, one per line.</summary>
    [Display(Name = "Địa chỉ nhận kết quả đăng nhập (mỗi dòng một địa chỉ)", Order = 130), RequiredText, UrlLines]
    [DataType(DataType.MultilineText)]
    public string CallbackUrls { get; set; } = "";

    /// <summary>Addresses to return to after signing out, one per line.</summary>
    [Display(Name = "Địa chỉ sau khi đăng xuất (mỗi dòng một địa chỉ)", Order = 140), RequiredText, UrlLines]
    [DataType(DataType.MultilineText)]
    public string SignOutUrls { get; set; } = "";
}

/// <summary>Mẫu 09: ask for an SSO administrator account, technical documents and a support contact.</summary>
public sealed class RequestSsoAccountForm : GroundedRequestForm
{
    /// <inheritdoc />
    public override FormKind Kind => FormKind.RequestSsoAccount;
}

/// <summary>Mẫu 12: cancel an application's SSO registration.</summary>
public sealed class CancelSsoForm : AgencyRequestForm
{
    /// <inheritdoc />
    public override FormKind Kind => FormKind.CancelSso;

    /// <summary>The SSO client to cancel.</summary>
    [Display(Name = "Ứng dụng cần hủy (mã ứng dụng SSO)", Order = 100), RequiredText, UIHint("sso-client")]
    public string ClientId { get; set; } = "";

    /// <summary>The application's name as the letter prints it, always taken from the register.</summary>
    [Display(Name = "Tên ứng dụng, dịch vụ (theo đăng ký)", Order = 110), Editable(false)]
    public string ApplicationName { get; set; } = "";
}
