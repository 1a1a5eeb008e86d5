namespace Lgsp.Forms.Catalog;

/// <summary>Who issues a form.</summary>
public enum FormIssuer
{
    /// <summary>The requesting agency.</summary>
    Agency,

    /// <summary>The Department that runs the platform.</summary>
    Department,

    /// <summary>The Department's IT centre, which holds handovers.</summary>
    ItCentre,
}

/// <summary>One appendix template: its number, issuer, Vietnamese title and the request it answers.</summary>
public sealed record FormDefinition(FormKind Kind, FormIssuer Issuer, string Title, FormKind? Answers)
{
    /// <summary>The template's label as printed in the appendix, e.g. "Mẫu 01".</summary>
    public string Label => $"Mẫu {(int)Kind:00}";
}

/// <summary>
/// The appendix as data. Pairs follow the appendix titles, which are consistent, rather than Điều 14.3's
/// text, which pairs some replies with other numbers.
/// </summary>
public static class FormCatalog
{
    /// <summary>Every template in appendix order.</summary>
    public static IReadOnlyList<FormDefinition> All { get; } =
    [
        new(FormKind.RegisterApplication, FormIssuer.Agency,
            "Đăng ký kết nối ứng dụng với hệ thống LGSP", null),
        new(FormKind.ApplicationRegistered, FormIssuer.Department,
            "Thông báo đăng ký kết nối ứng dụng thành công", FormKind.RegisterApplication),
        new(FormKind.RequestLgspAccount, FormIssuer.Agency,
            "Đề nghị cấp tài khoản quản trị, tài liệu kỹ thuật và đầu mối hỗ trợ LGSP", null),
        new(FormKind.LgspAccountProvided, FormIssuer.Department,
            "Thông báo cung cấp tài khoản quản trị, tài liệu kỹ thuật LGSP", FormKind.RequestLgspAccount),
        new(FormKind.LgspAccountHandover, FormIssuer.ItCentre,
            "Biên bản bàn giao tài khoản quản trị LGSP", FormKind.RequestLgspAccount),
        new(FormKind.CancelApplication, FormIssuer.Agency,
            "Đề nghị hủy đăng ký kết nối ứng dụng với hệ thống LGSP", null),
        new(FormKind.ApplicationCancelled, FormIssuer.Department,
            "Thông báo hủy đăng ký kết nối ứng dụng", FormKind.CancelApplication),
        new(FormKind.RegisterSso, FormIssuer.Agency,
            "Đăng ký tích hợp ứng dụng với hệ thống đăng nhập một lần (SSO)", null),
        new(FormKind.RequestSsoAccount, FormIssuer.Agency,
            "Đề nghị cấp tài khoản quản trị, tài liệu kỹ thuật và đầu mối hỗ trợ SSO", null),
        new(FormKind.SsoAccountProvided, FormIssuer.Department,
            "Thông báo cung cấp tài khoản quản trị, tài liệu kỹ thuật SSO", FormKind.RequestSsoAccount),
        new(FormKind.SsoAccountHandover, FormIssuer.ItCentre,
            "Biên bản bàn giao tài khoản quản trị SSO", FormKind.RequestSsoAccount),
        new(FormKind.CancelSso, FormIssuer.Agency,
            "Đề nghị hủy tích hợp ứng dụng với hệ thống SSO", null),
        new(FormKind.SsoCancelled, FormIssuer.Department,
            "Thông báo hủy tích hợp ứng dụng với hệ thống SSO", FormKind.CancelSso),
    ];

    /// <summary>The definition of one template.</summary>
    public static FormDefinition Get(FormKind kind) => All[(int)kind - 1];

    /// <summary>The templates an agency files.</summary>
    public static IEnumerable<FormDefinition> Requests => All.Where(form => form.Issuer == FormIssuer.Agency);
}
