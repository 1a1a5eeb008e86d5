using System.ComponentModel.DataAnnotations;
using Lgsp.Portal.Audit;
using Lgsp.Portal.Data;
using Lgsp.Portal.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;

namespace Lgsp.Portal.Components.Account;

public sealed partial class LoginWithTwoFactor
{
    private string? _error;

    [Inject]
    private SignInManager<PortalUser> SignIn { get; set; } = default!;

    [Inject]
    private AuditLog Audit { get; set; } = default!;

    [Inject]
    private IdentityRedirectManager Redirect { get; set; } = default!;

    [SupplyParameterFromForm]
    private CodeInput Input { get; set; } = default!;

    [SupplyParameterFromQuery]
    private string? ReturnUrl { get; set; }

    protected override async Task OnInitializedAsync()
    {
        Input ??= new CodeInput();

        // Only someone who has just given the right password may be here.
        if (await SignIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            Redirect.RedirectTo("/account/login");
        }
    }

    private async Task VerifyAsync()
    {
        var user = await SignIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            Redirect.RedirectTo("/account/login");
        }

        var code = Input.Code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var result = await SignIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        var name = user.UserName ?? "";
        if (result.Succeeded)
        {
            await Audit.RecordAsync(
                AuditActions.SignIn,
                name,
                "Xác thực hai lớp",
                CancellationToken.None,
                actorName: name);
            Redirect.RedirectTo(user.MustChangePassword ? "/account/change-password" : ReturnUrl ?? "/");
        }

        var locked = result.IsLockedOut;
        await Audit.RecordAsync(locked ? AuditActions.LockedOut : AuditActions.SignInFailed, name,
            "Sai mã xác thực hai lớp", CancellationToken.None, actorName: name);
        _error = locked ? "Tài khoản đang bị khóa; hãy thử lại sau 15 phút." : "Mã xác thực không đúng.";
    }

    private sealed class CodeInput
    {
        [Required(ErrorMessage = "Nhập mã xác thực.")]
        [StringLength(7, MinimumLength = 6, ErrorMessage = "Mã gồm 6 chữ số.")]
        public string Code { get; set; } = "";
    }
}
