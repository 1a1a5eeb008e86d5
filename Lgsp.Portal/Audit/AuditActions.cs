namespace Lgsp.Portal.Audit;

/// <summary>Stable codes of audited actions, with their Vietnamese labels for the audit page.</summary>
public static class AuditActions
{
    public const string SignIn = "auth.sign-in";
    public const string SignInFailed = "auth.sign-in-failed";
    public const string LockedOut = "auth.locked-out";
    public const string SignOut = "auth.sign-out";
    public const string PasswordChanged = "auth.password-changed";
    public const string TwoFactorEnabled = "auth.2fa-enabled";
    public const string TwoFactorDisabled = "auth.2fa-disabled";
    public const string UserCreated = "user.created";
    public const string UserRolesChanged = "user.roles-changed";
    public const string UserPasswordReset = "user.password-reset";
    public const string UserLocked = "user.locked";
    public const string UserUnlocked = "user.unlocked";
    public const string SettingsChanged = "settings.changed";
    public const string AgencySaved = "agency.saved";
    public const string AgenciesImported = "agency.imported";
    public const string AgencySucceeded = "agency.succession";
    public const string SystemInitialised = "system.initialised";
    public const string ApplicationKeyIssued = "application.key-issued";
    public const string ApplicationKeyRevoked = "application.key-revoked";
    public const string RequestStep = "request.step";
    public const string SecretRevealed = "request.secret-revealed";
    public const string AttachmentAdded = "request.attachment-added";
    public const string AttachmentRemoved = "request.attachment-removed";
    public const string AccountIssued = "request.account-issued";
    public const string SsoClientIssued = "sso.client-issued";
    public const string SsoClientRevoked = "sso.client-revoked";
    public const string CalendarConfirmed = "calendar.confirmed";
    public const string SigningCertificateIssued = "signing.certificate-issued";
    public const string DocumentSigned = "signing.document-signed";
    public const string SigningCertificateImported = "signing.certificate-imported";
    public const string SigningCertificateRevoked = "signing.certificate-revoked";
    public const string SignatureImageSaved = "signing.image-saved";
    public const string RawDataRemoved = "statistics.raw-data-removed";

    /// <summary>Every code with its label, in the order the audit page offers them.</summary>
    public static IReadOnlyDictionary<string, string> Labels { get; } = new Dictionary<string, string>
    {
        [SignIn] = "Đăng nhập",
        [SignInFailed] = "Đăng nhập thất bại",
        [LockedOut] = "Tài khoản bị khóa tạm thời",
        [SignOut] = "Đăng xuất",
        [PasswordChanged] = "Đổi mật khẩu",
        [TwoFactorEnabled] = "Bật xác thực hai lớp",
        [TwoFactorDisabled] = "Tắt xác thực hai lớp",
        [UserCreated] = "Tạo tài khoản",
        [UserRolesChanged] = "Đổi vai trò",
        [UserPasswordReset] = "Cấp lại mật khẩu",
        [UserLocked] = "Khóa tài khoản",
        [UserUnlocked] = "Mở khóa tài khoản",
        [SettingsChanged] = "Thay đổi cấu hình",
        [AgencySaved] = "Cập nhật cơ quan",
        [AgenciesImported] = "Nhập danh bạ cơ quan",
        [AgencySucceeded] = "Ghi nhận đổi tên, sáp nhập",
        [SystemInitialised] = "Khởi tạo hệ thống",
        [ApplicationKeyIssued] = "Cấp khóa ứng dụng",
        [ApplicationKeyRevoked] = "Thu hồi khóa ứng dụng",
        [RequestStep] = "Xử lý hồ sơ đề nghị",
        [SecretRevealed] = "Xem khóa bí mật (một lần)",
        [AttachmentAdded] = "Đính kèm tệp vào hồ sơ",
        [AttachmentRemoved] = "Gỡ tệp khỏi hồ sơ",
        [AccountIssued] = "Cấp tài khoản quản trị cho cơ quan",
        [SsoClientIssued] = "Đăng ký ứng dụng SSO",
        [SsoClientRevoked] = "Hủy ứng dụng SSO",
        [CalendarConfirmed] = "Xác nhận lịch nghỉ năm",
        [SigningCertificateIssued] = "Cấp chứng thư ký số",
        [DocumentSigned] = "Ký số văn bản",
        [SigningCertificateImported] = "Nạp chứng thư ký số riêng",
        [SigningCertificateRevoked] = "Thu hồi chứng thư ký số",
        [SignatureImageSaved] = "Cập nhật ảnh chữ ký, con dấu",
        [RawDataRemoved] = "Xóa dữ liệu trao đổi quá hạn lưu trữ",
    };

    /// <summary>The label of a code, or the code itself when it has none.</summary>
    public static string Label(string action) => Labels.TryGetValue(action, out var label) ? label : action;
}
