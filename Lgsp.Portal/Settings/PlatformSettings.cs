using System.ComponentModel.DataAnnotations;

namespace Lgsp.Portal.Settings;

/// <summary>
/// What varies by province: names, e-mail domain, the regulation's decision, office hours. The first start
/// copies the defaults from configuration (section <c>Platform</c>, the regulation's values) into the
/// database; from then on administrators change them on the settings page.
/// </summary>
public sealed class PlatformSettings
{
    /// <summary>The one row's key.</summary>
    public int Id { get; set; } = 1;

    [Required(ErrorMessage = "Nhập tên tỉnh.")]
    public string ProvinceName { get; set; } = "";

    [Required(ErrorMessage = "Nhập tên Ủy ban nhân dân tỉnh.")]
    public string PeopleCommitteeName { get; set; } = "";

    [Required(ErrorMessage = "Nhập tên miền thư điện tử.")]
    [RegularExpression(@"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$",
        ErrorMessage = "Tên miền không hợp lệ, ví dụ: tinh.gov.vn")]
    public string EmailDomain { get; set; } = "";

    [Required(ErrorMessage = "Nhập tên Sở vận hành nền tảng.")]
    public string DepartmentName { get; set; } = "";

    [Required(ErrorMessage = "Nhập ký hiệu viết tắt của Sở.")]
    public string DepartmentShortName { get; set; } = "";

    [Required(ErrorMessage = "Nhập tên Trung tâm Công nghệ thông tin.")]
    public string ItCentreName { get; set; } = "";

    [Required(ErrorMessage = "Nhập ký hiệu viết tắt của Trung tâm.")]
    public string ItCentreShortName { get; set; } = "";

    [Required(ErrorMessage = "Nhập địa chỉ công khai của cổng.")]
    [Url(ErrorMessage = "Địa chỉ công khai phải là địa chỉ http(s) đầy đủ, ví dụ https://lgsp.tinh.gov.vn.")]
    public string PublicAddress { get; set; } = "";

    [Required(ErrorMessage = "Nhập ký hiệu công văn của Sở.")]
    public string ReplySymbol { get; set; } = "";

    [Required(ErrorMessage = "Nhập ký hiệu biên bản của Trung tâm.")]
    public string MinutesSymbol { get; set; } = "";

    [Required(ErrorMessage = "Nhập số quyết định ban hành Quy chế.")]
    public string RegulationDecisionNumber { get; set; } = "";

    public DateOnly? RegulationDecisionDate { get; set; }

    public TimeOnly OfficeOpens { get; set; } = new(7, 30);

    public TimeOnly LunchStarts { get; set; } = new(11, 30);

    public TimeOnly LunchEnds { get; set; } = new(13, 30);

    public TimeOnly OfficeCloses { get; set; } = new(17, 0);

    /// <summary>When an administrator last saved.</summary>
    public DateTime UpdatedUtc { get; set; }

    /// <summary>The concurrency version read with these values; saving fails if someone saved since.</summary>
    public Guid Version { get; set; }

    /// <summary>A copy, so a page can edit without touching what others read.</summary>
    public PlatformSettings Clone() => (PlatformSettings)MemberwiseClone();
}
