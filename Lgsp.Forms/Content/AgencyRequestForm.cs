using System.ComponentModel.DataAnnotations;

namespace Lgsp.Forms.Content;

/// <summary>
/// A letter an agency sends the Department (Mẫu 01, 03, 06, 08, 09, 12): its heading, number and date, the
/// contact person (đầu mối liên hệ) and the head who signs it.
/// </summary>
public abstract class AgencyRequestForm : FormContent
{
    /// <summary>
    /// The body above the agency in its letterhead (tên cơ quan, tổ chức chủ quản), e.g. "UBND tỉnh Bắc Giang"
    /// for a department; empty for none.
    /// </summary>
    [Display(Name = "Cơ quan chủ quản (in phía trên tên cơ quan)", Order = 0)]
    public string ParentBodyName { get; set; } = "";

    /// <summary>The agency's name as its letterhead prints it (Tên cơ quan, đơn vị).</summary>
    [Display(Name = "Tên cơ quan, đơn vị", Order = 1), RequiredText]
    public string AgencyName { get; set; } = "";

    /// <summary>The agency's own number and symbol for the letter, e.g. "25/UBND-VP".</summary>
    [Display(Name = "Số, ký hiệu công văn", Order = 10), RequiredText]
    public string LetterNumber { get; set; } = "";

    /// <summary>The date the letter bears.</summary>
    [Display(Name = "Ngày công văn", Order = 30), Required(ErrorMessage = "Vui lòng chọn ngày công văn."), LetterDate]
    public DateTime? LetterDate { get; set; }

    /// <summary>Name of the contact person.</summary>
    [Display(Name = "Họ và tên người liên hệ", Order = 500, GroupName = "Đầu mối liên hệ"), RequiredText]
    public string ContactName { get; set; } = "";

    /// <summary>Position (chức vụ) of the contact person.</summary>
    [Display(Name = "Chức vụ", Order = 510, GroupName = "Đầu mối liên hệ"), RequiredText]
    public string ContactPosition { get; set; } = "";

    /// <summary>Department of the contact person (bộ phận công tác).</summary>
    [Display(Name = "Bộ phận công tác", Order = 520, GroupName = "Đầu mối liên hệ"), RequiredText]
    public string ContactDepartment { get; set; } = "";

    /// <summary>E-mail of the contact person.</summary>
    [Display(Name = "Thư điện tử", Order = 530, GroupName = "Đầu mối liên hệ"), RequiredText, EmailText]
    public string ContactEmail { get; set; } = "";

    /// <summary>Telephone of the contact person.</summary>
    [Display(Name = "Số điện thoại", Order = 540, GroupName = "Đầu mối liên hệ"), RequiredText, PhoneText]
    public string ContactPhone { get; set; } = "";

    /// <summary>Title of the head who signs, e.g. "Chánh Văn phòng".</summary>
    [Display(Name = "Chức danh người ký", Order = 950, GroupName = "Người ký"), RequiredText]
    public string SignerTitle { get; set; } = "";

    /// <summary>Name of the head who signs.</summary>
    [Display(Name = "Họ và tên người ký", Order = 960, GroupName = "Người ký"), RequiredText]
    public string SignerName { get; set; } = "";
}

/// <summary>A request that cites the agency's own legal basis (Căn cứ …): Mẫu 01, 03, 08 and 09.</summary>
public abstract class GroundedRequestForm : AgencyRequestForm
{
    /// <summary>The agency's legal basis for the request, besides the regulation itself.</summary>
    [Display(Name = "Căn cứ pháp lý của cơ quan, đơn vị", Order = 40), RequiredText]
    [DataType(DataType.MultilineText)]
    public string LegalBasis { get; set; } = "";
}
