using System.ComponentModel.DataAnnotations;
using Lgsp.Portal.Audit;
using Lgsp.Portal.Data;
using Lgsp.Portal.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;

namespace Lgsp.Portal.Components.Account;

public sealed partial class ChangePassword
{
    private List<string> _errors = [];
    private bool _mustChange;

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [Inject]
    private UserManager<PortalUser> Users { get; set; } = default!;

    [Inject]
    private SignInManager<PortalUser> SignIn { get; set; } = default!;

    [Inject]
    private AuditLog Audit { get; set; } = default!;

    [Inject]
    private IdentityRedirectManager Redirect { get; set; } = default!;

    [SupplyParameterFromForm]
    private PasswordInput Input { get; set; } = default!;

    protected override void OnInitialized()
    {
        Input ??= new PasswordInput();
        _mustChange = HttpContext.User.HasClaim(c => c.Type == PortalClaims.MustChangePassword);
    }

    private async Task ChangeAsync()
    {
        var user = await Users.GetUserAsync(HttpContext.User);
        if (user is null)
        {
            Redirect.RedirectTo("/account/login");
        }

        if (Input.New == Input.Current)
        {
            _errors = ["Mật khẩu mới phải khác mật khẩu hiện tại."];
            return;
        }

        var result = await Users.ChangePasswordAsync(user, Input.Current, Input.New);
        if (!result.Succeeded)
        {
            _errors = result.Errors.Select(e => e.Description).ToList();
            return;
        }

        user.MustChangePassword = false;
        await Users.UpdateAsync(user);
        await SignIn.RefreshSignInAsync(user);
        await Audit.RecordAsync(
            AuditActions.PasswordChanged,
            user.UserName!,
            "",
            CancellationToken.None,
            user.UserName);
        Redirect.RedirectTo("/");
    }

    private sealed class PasswordInput
    {
        [Required(ErrorMessage = "Nhập mật khẩu hiện tại.")]
        public string Current { get; set; } = "";

        [Required(ErrorMessage = "Nhập mật khẩu mới.")]
        public string New { get; set; } = "";

        [Compare(nameof(New), ErrorMessage = "Hai lần nhập mật khẩu mới không khớp.")]
        public string Confirm { get; set; } = "";
    }
}
