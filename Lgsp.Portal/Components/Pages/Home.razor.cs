using System.Security.Claims;
using Lgsp.Broker.Directory;
using Lgsp.Portal.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Lgsp.Portal.Components.Pages;

/// <summary>The start page: what the signed-in user can do next, by role.</summary>
public sealed partial class Home
{
    private string _name = "";
    private string _roleText = "";
    private IReadOnlyList<NextStep> _steps = [];

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private IAgencyLookup Agencies { get; set; } = default!;

    [Inject]
    private Settings.SettingsService Settings { get; set; } = default!;

    /// <summary>For administrators: what the settings still lack before letters print right.</summary>
    private string? _settingsWarning;

    protected override async Task OnInitializedAsync()
    {
        var user = (await AuthenticationState).User;
        _name = user.FindFirstValue(PortalClaims.FullName) is { Length: > 0 } fullName
            ? fullName
            : user.Identity?.Name ?? "";
        var roles = Roles.All.Where(user.IsInRole).ToList();
        var agency = PortalClaims.AgencyOf(user) is { } id
            ? (await Agencies.FindAsync(id, CancellationToken.None))?.Name is { } name ? $"{name} ({id})" : id
            : null;
        _roleText = roles.Count == 0
            ? "Tài khoản chưa được gán vai trò; hãy liên hệ quản trị hệ thống."
            : $"Vai trò: {string.Join(", ", roles.Select(Roles.Label))}"
                + (agency is null ? "" : $" — {agency}");
        _steps = NextSteps.For(user);
        if (user.IsInRole(Roles.Administrator))
        {
            var platform = await Settings.GetAsync(CancellationToken.None);
            var missing = new List<string>();
            if (platform.PublicAddress.Length == 0)
            {
                missing.Add("địa chỉ công khai của cổng (in trên mã QR của văn bản)");
            }

            if (platform.RegulationDecisionNumber.StartsWith('…') || platform.RegulationDecisionDate is null)
            {
                missing.Add("số và ngày quyết định ban hành Quy chế (in trong mọi văn bản)");
            }

            _settingsWarning = missing.Count == 0 ? null
                : $"Cấu hình còn thiếu {string.Join("; ", missing)}. Hãy bổ sung trước khi ban hành văn bản.";
        }
    }
}

/// <summary>One suggestion on the start page.</summary>
public sealed record NextStep(string Title, string Description, string Href);

/// <summary>The start page's suggestions for a user, by role; pure so tests can read them without a browser.</summary>
public static class NextSteps
{
    public static IReadOnlyList<NextStep> For(ClaimsPrincipal user)
    {
        var steps = new List<NextStep>();
        if (user.IsInRole(Roles.Administrator))
        {
            steps.Add(new(
                "Quản lý người dùng",
                "Tạo tài khoản cho cán bộ của Sở và các cơ quan, gán vai trò.",
                "/admin/users"));
            steps.Add(new(
                "Cấu hình nền tảng",
                "Tên tỉnh, tên miền thư điện tử, tên Sở, số quyết định ban hành Quy chế.",
                "/admin/settings"));
            steps.Add(new("Nhật ký hệ thống", "Xem ai đã đăng nhập, thay đổi gì, khi nào và từ đâu.", "/admin/audit"));
            steps.Add(new(
                "Lịch nghỉ lễ",
                "Xác nhận lịch nghỉ lễ, Tết và ngày làm bù của năm để tính đúng thời hạn 05 ngày làm việc.",
                "/admin/calendar"));
        }

        if (user.IsInRole(Roles.AgencyOfficer) || user.IsInRole(Roles.AgencyHead))
        {
            steps.Add(new(
                "Lập hồ sơ đề nghị",
                "Đăng ký kết nối ứng dụng, đề nghị cấp tài khoản, đăng ký SSO hoặc hủy đăng ký "
                + "(Mẫu 01, 03, 06, 08, 09, 12).",
                "/requests/new"));
            steps.Add(new(
                "Hồ sơ của cơ quan",
                "Theo dõi trạng thái, hạn trả lời, văn bản trả lời và khóa được cấp.",
                "/requests"));
        }

        if (user.IsInRole(Roles.Specialist) || user.IsInRole(Roles.Director))
        {
            steps.Add(new(
                "Hồ sơ cần xử lý",
                "Hồ sơ của các cơ quan, xếp theo mức khẩn: quá hạn trước, rồi còn ít ngày làm việc nhất.",
                "/requests"));
        }

        steps.Add(new(
            "Danh bạ cơ quan",
            "Tra cứu mã định danh, tên và trạng thái của các cơ quan, đơn vị.",
            "/agencies"));
        if (user.IsInRole(Roles.Specialist) || user.IsInRole(Roles.Director) || user.IsInRole(Roles.Manager))
        {
            steps.Add(new(
                "Bảo mật tài khoản",
                "Bật xác thực hai lớp bằng ứng dụng trên điện thoại.",
                "/account/two-factor"));
        }

        if (user.IsInRole(Roles.AgencyHead) || user.IsInRole(Roles.AgencyOfficer) || user.IsInRole(Roles.Director)
            || user.IsInRole(Roles.Specialist))
        {
            steps.Add(new(
                "Chữ ký số",
                "Ảnh chữ ký tay, con dấu của cơ quan, chứng thư ký số riêng của bạn.",
                "/account/signing"));
        }

        steps.Add(new("Đổi mật khẩu", "Đặt mật khẩu mới cho tài khoản của bạn.", "/account/change-password"));
        return steps;
    }
}
