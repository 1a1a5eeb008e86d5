using System.ComponentModel.DataAnnotations;
using Lgsp.Portal.Audit;
using Lgsp.Portal.Data;
using Lgsp.Portal.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;

namespace Lgsp.Portal.Components.Account;

public sealed partial class Login
{
    private string? _error;

    [Inject]
    private SignInManager<PortalUser> SignIn { get; set; } = default!;

    [Inject]
    private UserManager<PortalUser> Users { get; set; } = default!;

    [Inject]
    private AuditLog Audit { get; set; } = default!;

    [Inject]
    private IdentityRedirectManager Redirect { get; set; } = default!;

    [SupplyParameterFromForm]
    private LoginInput Input { get; set; } = default!;

    [SupplyParameterFromQuery]
    private string? ReturnUrl { get; set; }

    protected override void OnInitialized() => Input ??= new LoginInput();

    private async Task SignInAsync()
    {
        var name = Input.Email.Trim().ToLowerInvariant();
        var result = await SignIn.PasswordSignInAsync(
            name,
            Input.Password,
            isPersistent: false,
            lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await Audit.RecordAsync(AuditActions.SignIn, name, "", CancellationToken.None, actorName: name);
            var user = await Users.FindByNameAsync(name);
            Redirect.RedirectTo(user?.MustChangePassword == true ? "/account/change-password" : ReturnUrl ?? "/");
        }

        if (result.RequiresTwoFactor)
        {
            Redirect.RedirectTo($"/account/login-2fa?returnUrl={Uri.EscapeDataString(ReturnUrl ?? "/")}");
        }

        if (result.IsLockedOut)
        {
            await Audit.RecordAsync(AuditActions.LockedOut, name, "", CancellationToken.None, actorName: name);
            _error = "Tài khoản đang bị khóa do đăng nhập sai nhiều lần hoặc theo quyết định của quản trị. "
                + "Hãy thử lại sau 15 phút hoặc liên hệ quản trị hệ thống.";
            return;
        }

        await Audit.RecordAsync(AuditActions.SignInFailed, name, "Sai tên đăng nhập hoặc mật khẩu",
            CancellationToken.None, actorName: name);
        _error = "Tên đăng nhập hoặc mật khẩu không đúng.";
    }

    private sealed class LoginInput
    {
        [Required(ErrorMessage = "Nhập tên đăng nhập.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Nhập mật khẩu.")]
        public string Password { get; set; } = "";
    }
}
