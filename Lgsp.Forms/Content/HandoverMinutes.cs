using System.ComponentModel.DataAnnotations;
using Lgsp.Forms.Catalog;

namespace Lgsp.Forms.Content;

/// <summary>
/// Handover minutes (biên bản bàn giao, Mẫu 05 and 11): the IT centre (party A, bên giao) hands the administrator
/// account and technical documents to the agency (party B, bên nhận), at a scheduled time and place.
/// </summary>
public abstract class HandoverMinutes : FormContent
{
    /// <summary>Number of the Department's reply the handover follows (Căn cứ Công văn số …).</summary>
    [Display(Name = "Số công văn của Sở", Order = 1), RequiredText, Editable(false)]
    public string ReplyNumber { get; set; } = "";

    /// <summary>Date of that reply.</summary>
    [Display(Name = "Ngày công văn của Sở", Order = 2), LetterDate, Editable(false)]
    [Required(ErrorMessage = "Vui lòng chọn ngày công văn của Sở.")]
    public DateTime? ReplyDate { get; set; }

    /// <summary>The requesting agency.</summary>
    [Display(Name = "Cơ quan, đơn vị đề nghị", Order = 3), RequiredText, Editable(false)]
    public string AgencyName { get; set; } = "";

    /// <summary>Number of the agency's request.</summary>
    [Display(Name = "Số công văn đề nghị", Order = 4), RequiredText, Editable(false)]
    public string RequestNumber { get; set; } = "";

    /// <summary>Date of the agency's request.</summary>
    [Display(Name = "Ngày công văn đề nghị", Order = 5), LetterDate, Editable(false)]
    [Required(ErrorMessage = "Vui lòng chọn ngày công văn đề nghị.")]
    public DateTime? RequestDate { get; set; }

    /// <summary>The day of the handover.</summary>
    [Display(Name = "Ngày bàn giao", Order = 30), Required(ErrorMessage = "Vui lòng chọn ngày bàn giao."), LetterDate]
    public DateTime? HandoverDate { get; set; }

    /// <summary>The time of day of the handover (Vietnam time).</summary>
    [Display(Name = "Giờ bàn giao", Order = 31), Required(ErrorMessage = "Vui lòng chọn giờ bàn giao.")]
    public TimeSpan? HandoverTime { get; set; }

    /// <summary>Where the handover takes place.</summary>
    [Display(Name = "Địa điểm bàn giao", Order = 32), RequiredText]
    public string HandoverPlace { get; set; } = "";

    /// <summary>Party A's representative.</summary>
    [Display(Name = "Họ và tên", Order = 100, GroupName = "Bên giao (bên A)"), RequiredText]
    public string PartyAName { get; set; } = "";

    /// <summary>Party A's position.</summary>
    [Display(Name = "Chức vụ công tác", Order = 110, GroupName = "Bên giao (bên A)"), RequiredText]
    public string PartyAPosition { get; set; } = "";

    /// <summary>The body party A represents: the IT centre.</summary>
    [Display(Name = "Đại diện cho", Order = 120, GroupName = "Bên giao (bên A)"), RequiredText]
    public string PartyABody { get; set; } = "";

    /// <summary>Party B's representative.</summary>
    [Display(Name = "Họ và tên", Order = 200, GroupName = "Bên nhận (bên B)"), RequiredText]
    public string PartyBName { get; set; } = "";

    /// <summary>Party B's position.</summary>
    [Display(Name = "Chức vụ công tác", Order = 210, GroupName = "Bên nhận (bên B)"), RequiredText]
    public string PartyBPosition { get; set; } = "";

    /// <summary>The body party B represents: the requesting agency.</summary>
    [Display(Name = "Đại diện cho", Order = 220, GroupName = "Bên nhận (bên B)"), RequiredText]
    public string PartyBBody { get; set; } = "";
}

/// <summary>Mẫu 05: handover of the LGSP administrator account and documents.</summary>
public sealed class LgspHandoverMinutes : HandoverMinutes
{
    /// <inheritdoc />
    public override FormKind Kind => FormKind.LgspAccountHandover;
}

/// <summary>Mẫu 11: handover of the SSO administrator account and documents.</summary>
public sealed class SsoHandoverMinutes : HandoverMinutes
{
    /// <inheritdoc />
    public override FormKind Kind => FormKind.SsoAccountHandover;
}
