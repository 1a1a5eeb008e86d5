using System.Text;
using Lgsp.Portal.Audit;
using Lgsp.Portal.Data;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using QRCoder;

namespace Lgsp.Portal.Components.Pages;

/// <summary>Staff turn authenticator-app (TOTP) sign-in on or off for their own account.</summary>
public sealed partial class TwoFactorSetup
{
    private PortalUser? _user;
    private bool _enabled;
    private string? _sharedKey;
    private string? _qrSvg;
    private string? _code;
    private string? _error;

    [Inject]
    private UserManager<PortalUser> Users { get; set; } = default!;

    [Inject]
    private AuditLog Audit { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _user = await Users.GetUserAsync((await AuthenticationState).User);
        if (_user is null)
        {
            return;
        }

        _enabled = await Users.GetTwoFactorEnabledAsync(_user);
        if (!_enabled)
        {
            await PrepareKeyAsync();
        }
    }

    private async Task PrepareKeyAsync()
    {
        var key = await Users.GetAuthenticatorKeyAsync(_user!);
        if (string.IsNullOrEmpty(key))
        {
            await Users.ResetAuthenticatorKeyAsync(_user!);
            key = await Users.GetAuthenticatorKeyAsync(_user!);
        }

        _sharedKey = Grouped(key!);
        var label = Uri.EscapeDataString($"LGSP:{_user!.Email}");
        var uri = $"otpauth://totp/{label}?secret={key}&issuer=LGSP&digits=6";
        using var data = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        _qrSvg = new SvgQRCode(data).GetGraphic(4);
    }

    private async Task EnableAsync()
    {
        var code = (_code ?? "").Replace(" ", "", StringComparison.Ordinal);
        var valid = await Users.VerifyTwoFactorTokenAsync(
            _user!,
            Users.Options.Tokens.AuthenticatorTokenProvider,
            code);
        if (!valid)
        {
            _error = "Mã xác thực không đúng; kiểm tra giờ trên điện thoại và thử lại.";
            return;
        }

        await Users.SetTwoFactorEnabledAsync(_user!, true);
        await Audit.RecordAsync(AuditActions.TwoFactorEnabled, _user!.Email!, "", CancellationToken.None);
        _enabled = true;
        _error = null;
    }

    private async Task DisableAsync()
    {
        await Users.SetTwoFactorEnabledAsync(_user!, false);
        await Users.ResetAuthenticatorKeyAsync(_user!);
        await Audit.RecordAsync(AuditActions.TwoFactorDisabled, _user!.Email!, "", CancellationToken.None);
        _enabled = false;
        await PrepareKeyAsync();
    }

    private static string Grouped(string key)
    {
        var grouped = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            grouped.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return grouped.ToString().TrimEnd().ToLowerInvariant();
    }
}
