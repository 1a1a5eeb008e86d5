using System.ComponentModel.DataAnnotations;
using Lgsp.Forms.Catalog;

namespace Lgsp.Forms.Content;

/// <summary>
/// The Department's answer to a request (Mẫu 02, 04, 07, 10, 13 and the reply to Mẫu 08), drafted by a Specialist
/// from the request it answers and signed by the Director. A refusal (từ chối) is the same letter with a reason
/// instead of the grant.
/// </summary>
public abstract class DepartmentReply : FormContent
{
    /// <summary>The addressee (Kính gửi): the requesting agency.</summary>
    [Display(Name = "Kính gửi", Order = 1), RequiredText]
    public string Addressee { get; set; } = "";

    /// <summary>The requesting agency as the body text names it.</summary>
    [Display(Name = "Cơ quan, đơn vị đề nghị", Order = 40), RequiredText, Editable(false)]
    public string AgencyName { get; set; } = "";

    /// <summary>Number and symbol of the request letter answered.</summary>
    [Display(Name = "Số công văn đề nghị", Order = 50), RequiredText, Editable(false)]
    public string RequestNumber { get; set; } = "";

    /// <summary>Date of the request letter answered.</summary>
    [Display(Name = "Ngày công văn đề nghị", Order = 60), LetterDate, Editable(false)]
    [Required(ErrorMessage = "Vui lòng chọn ngày công văn đề nghị.")]
    public DateTime? RequestDate { get; set; }

    /// <summary>True when the Department refuses the request.</summary>
    [Display(Name = "Từ chối đề nghị", Order = 70)]
    public bool Refused { get; set; }

    /// <summary>Why the Department refuses, printed in the letter.</summary>
    [Display(Name = "Lý do từ chối", Order = 80), DataType(DataType.MultilineText)]
    public string RefusalReason { get; set; } = "";

    /// <summary>Name of the Director who signs.</summary>
    [Display(Name = "Họ và tên người ký", Order = 960, GroupName = "Người ký"), RequiredText]
    public string SignerName { get; set; } = "";

    /// <summary>Signer's title, "GIÁM ĐỐC" unless signed on the Director's behalf.</summary>
    [Display(Name = "Chức danh người ký", Order = 950, GroupName = "Người ký"), RequiredText]
    public string SignerTitle { get; set; } = "GIÁM ĐỐC";

    /// <inheritdoc />
    public override IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Refused && string.IsNullOrWhiteSpace(RefusalReason))
        {
            yield return new ValidationResult("Vui lòng nhập lý do từ chối.", [nameof(RefusalReason)]);
        }
    }
}

/// <summary>A reply that names the IT centre's technical support contact (Mẫu 02, 04, 10, and the 08 reply).</summary>
public abstract class SupportedReply : DepartmentReply
{
    /// <summary>Name of the support contact at the IT centre.</summary>
    [Display(Name = "Đầu mối hỗ trợ kỹ thuật", Order = 300, GroupName = "Hỗ trợ kỹ thuật"), RequiredUnlessRefused]
    public string SupportName { get; set; } = "";

    /// <summary>The contact's landline.</summary>
    [Display(Name = "Điện thoại cố định", Order = 310, GroupName = "Hỗ trợ kỹ thuật"), PhoneText]
    public string SupportLandline { get; set; } = "";

    /// <summary>The contact's mobile.</summary>
    [Display(Name = "Điện thoại di động", Order = 320, GroupName = "Hỗ trợ kỹ thuật"), PhoneText, RequiredUnlessRefused]
    public string SupportMobile { get; set; } = "";
}

/// <summary>Mẫu 02: the application is registered; issuing it issues the application's keys.</summary>
public sealed class ApplicationRegisteredReply : SupportedReply
{
    /// <inheritdoc />
    public override FormKind Kind => FormKind.ApplicationRegistered;

    /// <summary>The application registered.</summary>
    [Display(Name = "Tên ứng dụng, dịch vụ", Order = 100), RequiredText]
    public string ApplicationName { get; set; } = "";
}

/// <summary>Mẫu 04: LGSP administrator account, documents and contact provided; issuing creates the account.</summary>
public sealed class LgspAccountProvidedReply : SupportedReply
{
    /// <inheritdoc />
    public override FormKind Kind => FormKind.LgspAccountProvided;

    /// <summary>The sign-in name of the agency's administrator account.</summary>
    [Display(Name = "Tài khoản quản trị (tên đăng nhập)", Order = 100), RequiredText, EmailText]
    public string AdministratorAccount { get; set; } = "";
}

/// <summary>Mẫu 07: the application's registration is cancelled; issuing it revokes the keys.</summary>
public sealed class ApplicationCancelledReply : DepartmentReply
{
    /// <inheritdoc />
    public override FormKind Kind => FormKind.ApplicationCancelled;

    /// <summary>The application cancelled.</summary>
    [Display(Name = "Tên ứng dụng, dịch vụ", Order = 100), RequiredText]
    public string ApplicationName { get; set; } = "";
}

/// <summary>
/// The Department's reply to Mẫu 08, which the appendix lacks: shaped like Mẫu 02, it gives what Điều 12 promises,
/// the sign-on system's sign-in and sign-out addresses; issuing it records the SSO client and its secret.
/// </summary>
public sealed class SsoRegisteredReply : SupportedReply
{
    /// <inheritdoc />
    public override FormKind Kind => FormKind.RegisterSso;

    /// <summary>The application registered.</summary>
    [Display(Name = "Tên ứng dụng, dịch vụ", Order = 100), RequiredText]
    public string ApplicationName { get; set; } = "";

    /// <summary>The provincial SSO's sign-in address.</summary>
    [Display(Name = "Địa chỉ đăng nhập SSO", Order = 110), RequiredText, UrlLines]
    public string SsoSignInUrl { get; set; } = "";

    /// <summary>The provincial SSO's sign-out address.</summary>
    [Display(Name = "Địa chỉ đăng xuất SSO", Order = 120), RequiredText, UrlLines]
    public string SsoSignOutUrl { get; set; } = "";
}

/// <summary>Mẫu 10: SSO administrator account, documents and contact provided; issuing creates the account.</summary>
public sealed class SsoAccountProvidedReply : SupportedReply
{
    /// <inheritdoc />
    public override FormKind Kind => FormKind.SsoAccountProvided;

    /// <summary>The sign-in name of the agency's SSO administrator account.</summary>
    [Display(Name = "Tài khoản quản trị SSO (tên đăng nhập)", Order = 100), RequiredText, EmailText]
    public string AdministratorAccount { get; set; } = "";
}

/// <summary>Mẫu 13: the SSO registration is cancelled; issuing it revokes the SSO client.</summary>
public sealed class SsoCancelledReply : DepartmentReply
{
    /// <inheritdoc />
    public override FormKind Kind => FormKind.SsoCancelled;

    /// <summary>The application cancelled.</summary>
    [Display(Name = "Tên ứng dụng, dịch vụ", Order = 100), RequiredText]
    public string ApplicationName { get; set; } = "";
}
