using System.Security.Cryptography;
using Lgsp.Forms.Content;
using Lgsp.Forms.Requests;
using Lgsp.Portal.Applications;
using Lgsp.Portal.Audit;
using Lgsp.Portal.Data;
using Lgsp.Portal.Identity;
using Lgsp.Portal.Settings;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Lgsp.Portal.Requests;

/// <summary>
/// What issuing a reply does (Điều 14): Mẫu 02 registers the application and issues its key, 04 and 10 create
/// the agency's administrator account, 07 revokes the application's keys, the 08 reply registers the SSO client,
/// 13 revokes it. Everything is staged in the approving transaction; secrets go to the agency as one-time secrets.
/// </summary>
public sealed class RequestIssuance(
    PortalDbContext db,
    ApplicationKeys keys,
    DocumentNumbers numbers,
    UserManager<PortalUser> users,
    SettingsService settings,
    AuditLog audit,
    IDataProtectionProvider protection,
    TimeProvider time)
{
    private readonly IDataProtector _oneTime = protection.CreateProtector("Lgsp.OneTimeSecrets.v1");
    private readonly IDataProtector _ssoSecrets = protection.CreateProtector("Lgsp.SsoSecrets.v1");
    private readonly List<string> _revokedKeys = [];

    /// <summary>The next document number of an issuing body, inside the caller's transaction.</summary>
    public Task<int> NumberAsync(string issuer, int year, CancellationToken cancellationToken) =>
        numbers.NextAsync(issuer, year, cancellationToken);

    /// <summary>
    /// Checks what a request names before it is sent: the application or client is the agency's, active, and no
    /// other open request already asks to cancel it.
    /// </summary>
    public async Task CheckRequestAsync(
        Guid requestId, string agencyId, FormContent form, CancellationToken cancellationToken)
    {
        var target = form switch
        {
            CancelApplicationForm { AccessKeyId.Length: > 0 } cancel =>
                (await ActiveApplicationAsync(agencyId, cancel.AccessKeyId, cancellationToken)).AccessKeyId,
            CancelSsoForm { ClientId.Length: > 0 } cancel =>
                (await ActiveSsoClientAsync(agencyId, cancel.ClientId, cancellationToken)).ClientId,
            _ => null,
        };
        if (target is null)
        {
            return;
        }

        var open = await db.Requests.AsNoTracking()
            .Where(r => r.Id != requestId && r.AgencyId == agencyId && r.Kind == form.Kind
                && r.FormJson.Contains(target) && r.Status != RequestStatus.Draft
                && r.Status != RequestStatus.Withdrawn && r.Status != RequestStatus.Refused
                && r.Status != RequestStatus.Issued)
            .Select(r => r.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (open != Guid.Empty)
        {
            throw new RequestRuleException($"Đã có hồ sơ hủy {target} đang được xử lý; không gửi thêm hồ sơ trùng.");
        }
    }

    /// <summary>Fills a cancellation's application name from the register, whatever the page sent.</summary>
    public async Task CompleteRequestAsync(string agencyId, FormContent form, CancellationToken cancellationToken)
    {
        switch (form)
        {
            case CancelApplicationForm cancel:
                cancel.ApplicationName = await db.Applications.AsNoTracking()
                    .Where(a => a.AccessKeyId == cancel.AccessKeyId && a.AgencyId == agencyId)
                    .Select(a => a.Name)
                    .SingleOrDefaultAsync(cancellationToken) ?? "";
                break;
            case CancelSsoForm cancel:
                cancel.ApplicationName = await db.SsoClients.AsNoTracking()
                    .Where(c => c.ClientId == cancel.ClientId && c.AgencyId == agencyId)
                    .Select(c => c.Name)
                    .SingleOrDefaultAsync(cancellationToken) ?? "";
                break;
        }
    }

    /// <summary>Checks a reply's effects can happen before the Director sees it.</summary>
    public async Task CheckReplyAsync(
        ServiceRequest request, DepartmentReply reply, CancellationToken cancellationToken)
    {
        if (reply.Refused)
        {
            return;
        }

        var account = reply switch
        {
            LgspAccountProvidedReply r => r.AdministratorAccount,
            SsoAccountProvidedReply r => r.AdministratorAccount,
            _ => null,
        };
        var domain = (await settings.GetAsync(cancellationToken)).EmailDomain;
        if (account is not null && !account.EndsWith($"@{domain}", StringComparison.OrdinalIgnoreCase))
        {
            throw new FormInvalidException([new FieldError(
                nameof(LgspAccountProvidedReply.AdministratorAccount),
                $"Tài khoản quản trị phải thuộc tên miền {domain}.")]);
        }

        if (account is not null && await users.FindByNameAsync(account.ToLowerInvariant()) is not null)
        {
            throw new FormInvalidException([new FieldError(
                nameof(LgspAccountProvidedReply.AdministratorAccount),
                $"Tài khoản {account} đã có; chọn tên đăng nhập khác.")]);
        }

        await CheckRequestAsync(request.Id, request.AgencyId, FormContent.FromJson(request.FormJson),
            cancellationToken);
    }

    /// <summary>Performs the effects of an approved reply; returns what it created or revoked.</summary>
    public async Task<string?> ApplyAsync(
        ServiceRequest request, DepartmentReply reply, CancellationToken cancellationToken)
    {
        var form = FormContent.FromJson(request.FormJson);
        switch (form, reply)
        {
            case (RegisterApplicationForm f, _):
                var rsa = f.SignatureAlgorithm == "rsa-sha256";
                var key = await keys.StageIssueAsync(
                    request.AgencyId, f.ApplicationName, f.SignatureAlgorithm, rsa ? f.PublicKeyPem : null,
                    cancellationToken);
                if (key.SecretKey is not null)
                {
                    AddSecret(request, "Khóa bí mật (secret key)", key.AccessKeyId, key.SecretKey);
                }

                return key.AccessKeyId;
            case (CancelApplicationForm f, _):
                var application = await ActiveApplicationAsync(request.AgencyId, f.AccessKeyId, cancellationToken);
                await keys.StageRevokeAsync(application.AccessKeyId, cancellationToken);
                _revokedKeys.Add(application.AccessKeyId);
                return application.AccessKeyId;
            case (RegisterSsoForm f, _):
                return await RegisterSsoClientAsync(request, f, cancellationToken);
            case (CancelSsoForm f, _):
                var client = await ActiveSsoClientAsync(request.AgencyId, f.ClientId, cancellationToken);
                client.RevokedUtc = time.GetUtcNow().UtcDateTime;
                await audit.AddAsync(AuditActions.SsoClientRevoked, client.ClientId, $"Cơ quan {client.AgencyId}",
                    cancellationToken);
                return client.ClientId;
            case (_, LgspAccountProvidedReply r):
                return await CreateAccountAsync(request, r.AdministratorAccount,
                    [Roles.AgencyOfficer, Roles.AgencyHead], cancellationToken);
            case (_, SsoAccountProvidedReply r):
                return await CreateAccountAsync(request, r.AdministratorAccount, [Roles.AgencyOfficer],
                    cancellationToken);
            default:
                return null;
        }
    }

    /// <summary>Lets the broker see revocations at once, after the transaction that made them has committed.</summary>
    public void AfterCommit(ServiceRequest request)
    {
        foreach (var accessKeyId in _revokedKeys)
        {
            keys.Forget(accessKeyId);
        }

        _revokedKeys.Clear();
    }

    /// <summary>Reads a one-time secret's stored value.</summary>
    public string Unprotect(string protectedValue) => _oneTime.Unprotect(protectedValue);

    private async Task<string> RegisterSsoClientAsync(
        ServiceRequest request, RegisterSsoForm form, CancellationToken cancellationToken)
    {
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=')
            .Replace('+', '-').Replace('/', '_');
        var client = new SsoClientRecord
        {
            ClientId = "sso-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
            AgencyId = request.AgencyId,
            Name = form.ApplicationName,
            ProtectedSecret = _ssoSecrets.Protect(secret),
            CallbackUrls = form.CallbackUrls,
            SignOutUrls = form.SignOutUrls,
            RequestId = request.Id,
            IssuedUtc = time.GetUtcNow().UtcDateTime,
        };
        db.SsoClients.Add(client);
        AddSecret(request, "Khóa bí mật ứng dụng SSO (client secret)", client.ClientId, secret);
        await audit.AddAsync(AuditActions.SsoClientIssued, client.ClientId,
            $"Cơ quan {request.AgencyId}; ứng dụng: {form.ApplicationName}", cancellationToken);
        return client.ClientId;
    }

    private async Task<string> CreateAccountAsync(
        ServiceRequest request, string account, string[] roles, CancellationToken cancellationToken)
    {
        var email = account.Trim().ToLowerInvariant();
        var user = new PortalUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            FullName = $"Quản trị {request.AgencyId}",
            AgencyId = request.AgencyId,
            MustChangePassword = true,
            CreatedUtc = time.GetUtcNow().UtcDateTime,
        };
        var password = PasswordGenerator.Generate();
        var created = await users.CreateAsync(user, password);
        if (created.Succeeded)
        {
            created = await users.AddToRolesAsync(user, roles);
        }

        if (!created.Succeeded)
        {
            throw new RequestRuleException(
                $"Không tạo được tài khoản {email}: {string.Join(" ", created.Errors.Select(e => e.Description).Distinct())}");
        }

        AddSecret(request, "Mật khẩu dùng một lần của tài khoản quản trị", email, password);
        await audit.AddAsync(AuditActions.AccountIssued, email,
            $"Cơ quan {request.AgencyId}; vai trò: {string.Join(", ", roles)}", cancellationToken);
        return email;
    }

    private void AddSecret(ServiceRequest request, string label, string reference, string value) =>
        db.OneTimeSecrets.Add(new OneTimeSecret
        {
            Id = Guid.NewGuid(),
            RequestId = request.Id,
            Label = label,
            Reference = reference,
            ProtectedValue = _oneTime.Protect(value),
            CreatedUtc = time.GetUtcNow().UtcDateTime,
        });

    private async Task<ApplicationRecord> ActiveApplicationAsync(
        string agencyId, string accessKeyId, CancellationToken cancellationToken) =>
        await db.Applications.SingleOrDefaultAsync(
            a => a.AccessKeyId == accessKeyId && a.AgencyId == agencyId && a.RevokedUtc == null, cancellationToken)
        ?? throw new RequestRuleException($"Cơ quan không có ứng dụng đang hoạt động với mã khóa {accessKeyId}.");

    private async Task<SsoClientRecord> ActiveSsoClientAsync(
        string agencyId, string clientId, CancellationToken cancellationToken) =>
        await db.SsoClients.SingleOrDefaultAsync(
            c => c.ClientId == clientId && c.AgencyId == agencyId && c.RevokedUtc == null, cancellationToken)
        ?? throw new RequestRuleException($"Cơ quan không có ứng dụng SSO đang hoạt động với mã {clientId}.");
}
