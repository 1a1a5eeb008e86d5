using Lgsp.Portal.Data;
using Lgsp.Portal.Identity;
using Lgsp.Portal.Letters;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Identity;
using MudBlazor;

namespace Lgsp.Portal.Components.Pages;

/// <summary>
/// A person's signing set-up: their certificates (revocable), their own PKCS#12 certificate, their handwritten
/// signature image and, for an agency's head, the agency's seal; administrators also see and revoke everyone's.
/// Roles are read from the database on every action, not from the page.
/// </summary>
public sealed partial class SigningProfile
{
    private const long MaxPkcs12Bytes = 256 * 1024;

    private PortalUser? _user;
    private bool _isHead;
    private bool _isAdministrator;
    private List<CertificateView> _mine = [];
    private List<CertificateView> _all = [];
    private byte[]? _signatureImage;
    private byte[]? _sealImage;
    private IBrowserFile? _pkcs12;
    private string? _password;
    private string? _message;
    private string? _error;

    [Inject]
    private UserManager<PortalUser> Users { get; set; } = default!;

    [Inject]
    private SigningAuthority Authority { get; set; } = default!;

    [Inject]
    private SignatureImages Images { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _user = await Users.GetUserAsync((await AuthenticationState).User);
        if (_user is null)
        {
            return;
        }

        _isHead = await Users.IsInRoleAsync(_user, Roles.AgencyHead);
        _isAdministrator = await Users.IsInRoleAsync(_user, Roles.Administrator);
        _mine = await Authority.CertificatesAsync(_user.Id, CancellationToken.None);
        _all = _isAdministrator ? await Authority.CertificatesAsync(null, CancellationToken.None) : [];
        _signatureImage = await Images.GetAsync(SignatureImages.OfUser(_user.Id), CancellationToken.None);
        _sealImage = _user.AgencyId is { } agency
            ? await Images.GetAsync(SignatureImages.OfAgency(agency), CancellationToken.None)
            : null;
    }

    private async Task ImportAsync()
    {
        if (_pkcs12 is null)
        {
            Fail("Hãy chọn tệp chứng thư (.p12 hoặc .pfx).");
            return;
        }

        if (_pkcs12.Size > MaxPkcs12Bytes)
        {
            Fail("Tệp chứng thư lớn hơn 256 KB; đây không phải một tệp PKCS#12 thông thường.");
            return;
        }

        await RunAsync(async () =>
        {
            var record = await Authority.ImportAsync(_user!, await ReadAsync(_pkcs12, MaxPkcs12Bytes),
                _password ?? "", CancellationToken.None);
            _pkcs12 = null;
            _password = null;
            return $"Đã nạp chứng thư {record.Subject}; từ nay bạn ký bằng chứng thư này.";
        });
    }

    private async Task RevokeAsync(CertificateView certificate)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Thu hồi chứng thư",
            $"Thu hồi chứng thư {certificate.Subject}? Văn bản đã ký vẫn giữ chữ ký, nhưng trang kiểm tra sẽ báo "
            + "chứng thư đã bị thu hồi. Không hoàn tác được.",
            yesText: "Thu hồi",
            cancelText: "Không");
        if (confirmed != true)
        {
            return;
        }

        await RunAsync(async () =>
        {
            var administrator = await Users.IsInRoleAsync(_user!, Roles.Administrator);
            await Authority.RevokeAsync(_user!, administrator, certificate.Id, CancellationToken.None);
            return "Đã thu hồi chứng thư.";
        });
    }

    private Task SetImageAsync(string owner, IBrowserFile file) => RunAsync(async () =>
    {
        if (file.Size > SignatureImages.MaxBytes)
        {
            throw new SigningProfileException("Ảnh lớn hơn 1 MB; hãy dùng ảnh nhỏ hơn.");
        }

        if (owner.StartsWith("agency:", StringComparison.Ordinal)
            && !await Users.IsInRoleAsync(_user!, Roles.AgencyHead))
        {
            throw new SigningProfileException("Chỉ thủ trưởng cơ quan được đặt con dấu.");
        }

        await Images.SetAsync(owner, await ReadAsync(file, SignatureImages.MaxBytes), _user!, CancellationToken.None);
        return "Đã lưu ảnh.";
    });

    private Task RemoveImageAsync(string owner) => RunAsync(async () =>
    {
        if (owner.StartsWith("agency:", StringComparison.Ordinal)
            && !await Users.IsInRoleAsync(_user!, Roles.AgencyHead))
        {
            throw new SigningProfileException("Chỉ thủ trưởng cơ quan được đặt con dấu.");
        }

        await Images.RemoveAsync(owner, CancellationToken.None);
        return "Đã xóa ảnh.";
    });

    private async Task RunAsync(Func<Task<string>> action)
    {
        _message = null;
        _error = null;
        try
        {
            _message = await action();
            await LoadAsync();
        }
        catch (SigningProfileException exception)
        {
            Fail(exception.Message);
        }
    }

    private void Fail(string message)
    {
        _message = null;
        _error = message;
    }

    private static async Task<byte[]> ReadAsync(IBrowserFile file, long limit)
    {
        using var buffer = new MemoryStream();
        await using var stream = file.OpenReadStream(limit);
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }
}
