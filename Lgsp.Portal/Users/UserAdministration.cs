using Lgsp.Directory;
using Lgsp.Portal.Audit;
using Lgsp.Portal.Data;
using Lgsp.Portal.Identity;
using Lgsp.Portal.Settings;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Lgsp.Portal.Users;

/// <summary>An account as the users page lists it.</summary>
public sealed record UserSummary(
    string Id,
    string Email,
    string FullName,
    IReadOnlyList<string> Roles,
    string? AgencyId,
    bool LockedOut,
    bool TwoFactorEnabled,
    DateTime CreatedUtc);

/// <summary>What an administrator (or the command line) asks for when creating an account.</summary>
/// <param name="Email">
/// The sign-in name; for an agency account, empty means <c>&lt;identifier&gt;@&lt;domain&gt;</c>.
/// </param>
public sealed record NewUser(string Email, string FullName, IReadOnlyList<string> Roles, string? AgencyId);

/// <summary>A created or reset account with its one-time password, to be shown once and never stored.</summary>
public sealed record IssuedCredentials(string UserId, string Email, string OneTimePassword);

/// <summary>Thrown when an account change is refused; the message is for the user, in Vietnamese.</summary>
public sealed class UserRuleException(string message) : PortalRuleException(message);

/// <summary>
/// Account administration: create, change roles, reset passwords, lock and unlock. Each change and its audit
/// entry are committed in one transaction.
/// </summary>
public sealed class UserAdministration(
    PortalDbContext db,
    UserManager<PortalUser> users,
    AuditLog audit,
    SettingsService settings,
    ICurrentActor actor,
    TimeProvider time)
{
    private const int MaxFullNameLength = 200;

    /// <summary>Every account, staff first, then by name.</summary>
    public async Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken cancellationToken)
    {
        var all = await db.Users.AsNoTracking()
            .OrderBy(u => u.AgencyId)
            .ThenBy(u => u.Email)
            .ToListAsync(cancellationToken);
        var roleNames = await db.Roles.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.Name!, cancellationToken);
        var userRoles = await db.UserRoles.AsNoTracking().ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        return all.Select(u => new UserSummary(
                u.Id,
                u.Email ?? u.UserName ?? "",
                u.FullName,
                userRoles.Where(ur => ur.UserId == u.Id).Select(ur => roleNames[ur.RoleId]).Order().ToList(),
                u.AgencyId,
                u.LockoutEnd > now,
                u.TwoFactorEnabled,
                u.CreatedUtc))
            .ToList();
    }

    /// <summary>Creates an account with a generated one-time password that must be changed at first sign-in.</summary>
    public async Task<IssuedCredentials> CreateAsync(NewUser request, CancellationToken cancellationToken)
    {
        await actor.RequireRoleAsync(Roles.Administrator, cancellationToken);
        if (VietnameseText.Normalize(request.FullName).Length > MaxFullNameLength)
        {
            throw new UserRuleException($"Họ và tên dài tối đa {MaxFullNameLength} ký tự.");
        }

        var roles = request.Roles.Select(r => Roles.Find(r) ?? throw new UserRuleException(
            $"Vai trò \"{r}\" không có. Các vai trò: {string.Join(", ", Roles.All)}.")).Distinct().ToList();
        if (roles.Count == 0)
        {
            throw new UserRuleException("Chọn ít nhất một vai trò.");
        }

        var agencyId = await CheckAgencyAsync(request.AgencyId, roles, cancellationToken);
        var domain = (await settings.GetAsync(cancellationToken)).EmailDomain;
        var email = VietnameseText.Normalize(request.Email).ToLowerInvariant();
        if (email.Length == 0 && agencyId is not null)
        {
            email = $"{agencyId.ToLowerInvariant()}@{domain}";
        }

        if (email.Length == 0)
        {
            throw new UserRuleException("Nhập thư điện tử làm tên đăng nhập.");
        }

        var user = new PortalUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            FullName = VietnameseText.Normalize(request.FullName),
            AgencyId = agencyId,
            MustChangePassword = true,
            CreatedUtc = time.GetUtcNow().UtcDateTime,
        };
        var password = PasswordGenerator.Generate();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        Check(await users.CreateAsync(user, password));
        Check(await users.AddToRolesAsync(user, roles));
        var details = $"Vai trò: {string.Join(", ", roles)}" + (agencyId is null ? "" : $"; cơ quan: {agencyId}");
        await audit.RecordAsync(AuditActions.UserCreated, email, details, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new IssuedCredentials(user.Id, email, password);
    }

    /// <summary>Replaces an account's roles.</summary>
    public async Task SetRolesAsync(string userId, IReadOnlyList<string> roles, CancellationToken cancellationToken)
    {
        await actor.RequireRoleAsync(Roles.Administrator, cancellationToken);
        var user = await FindAsync(userId);
        var wanted = roles.Select(r => Roles.Find(r) ?? throw new UserRuleException($"Vai trò \"{r}\" không có."))
            .Distinct().ToList();
        if (wanted.Count == 0)
        {
            throw new UserRuleException("Chọn ít nhất một vai trò.");
        }

        await CheckAgencyAsync(user.AgencyId, wanted, cancellationToken);
        var current = await users.GetRolesAsync(user);
        if (current.Contains(Roles.Administrator) && !wanted.Contains(Roles.Administrator))
        {
            await KeepAnAdministratorAsync(user, cancellationToken);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        Check(await users.RemoveFromRolesAsync(user, current.Except(wanted)));
        Check(await users.AddToRolesAsync(user, wanted.Except(current)));
        Check(await users.UpdateSecurityStampAsync(user));
        var details = $"{string.Join(", ", current.Order())} → {string.Join(", ", wanted.Order())}";
        await audit.RecordAsync(AuditActions.UserRolesChanged, user.Email!, details, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Sets a new one-time password; the old one stops working at once.</summary>
    public async Task<IssuedCredentials> ResetPasswordAsync(string userId, CancellationToken cancellationToken)
    {
        await actor.RequireRoleAsync(Roles.Administrator, cancellationToken);
        var user = await FindAsync(userId);
        var password = PasswordGenerator.Generate();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        Check(await users.RemovePasswordAsync(user));
        Check(await users.AddPasswordAsync(user, password));
        user.MustChangePassword = true;
        Check(await users.UpdateAsync(user));
        Check(await users.UpdateSecurityStampAsync(user));
        await audit.RecordAsync(AuditActions.UserPasswordReset, user.Email!, "", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new IssuedCredentials(user.Id, user.Email!, password);
    }

    /// <summary>Locks an account until an administrator unlocks it, or unlocks it.</summary>
    public async Task SetLockedAsync(string userId, bool locked, CancellationToken cancellationToken)
    {
        await actor.RequireRoleAsync(Roles.Administrator, cancellationToken);
        var user = await FindAsync(userId);
        if (locked && await users.IsInRoleAsync(user, Roles.Administrator))
        {
            await KeepAnAdministratorAsync(user, cancellationToken);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        Check(await users.SetLockoutEndDateAsync(user, locked ? DateTimeOffset.MaxValue : null));
        if (!locked)
        {
            Check(await users.ResetAccessFailedCountAsync(user));
        }

        Check(await users.UpdateSecurityStampAsync(user));
        var action = locked ? AuditActions.UserLocked : AuditActions.UserUnlocked;
        await audit.RecordAsync(action, user.Email!, "", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Refuses to take the last usable administrator away, and refuses administrators demoting or locking
    /// themselves: either would leave the portal with nobody able to manage it.
    /// </summary>
    private async Task KeepAnAdministratorAsync(PortalUser user, CancellationToken cancellationToken)
    {
        var me = (await actor.GetAsync(cancellationToken)).Name;
        if (string.Equals(user.UserName, me, StringComparison.OrdinalIgnoreCase))
        {
            throw new UserRuleException("Không thể tự bỏ quyền quản trị hoặc tự khóa tài khoản của mình.");
        }

        var now = time.GetUtcNow();
        var others = (await users.GetUsersInRoleAsync(Roles.Administrator))
            .Count(u => u.Id != user.Id && (u.LockoutEnd is null || u.LockoutEnd <= now));
        if (others == 0)
        {
            throw new UserRuleException(
                "Đây là quản trị viên cuối cùng còn hoạt động; hãy cấp quyền quản trị cho người khác trước.");
        }
    }

    private async Task<PortalUser> FindAsync(string userId) =>
        await users.FindByIdAsync(userId) ?? throw new UserRuleException("Không tìm thấy tài khoản.");

    private async Task<string?> CheckAgencyAsync(
        string? agencyId,
        IReadOnlyList<string> roles,
        CancellationToken cancellationToken)
    {
        var agencyRoles = roles.Where(Roles.IsAgencyRole).ToList();
        if (agencyRoles.Count > 0 && agencyRoles.Count != roles.Count)
        {
            throw new UserRuleException("Tài khoản của cơ quan không thể kiêm vai trò của Sở.");
        }

        if (agencyRoles.Count == 0)
        {
            return string.IsNullOrWhiteSpace(agencyId)
                ? null
                : throw new UserRuleException("Tài khoản cán bộ của Sở không thuộc cơ quan nào.");
        }

        if (!AgencyIdentifier.TryParse(agencyId, out var id, out var error))
        {
            throw new UserRuleException($"Tài khoản của cơ quan cần mã định danh hợp lệ: {error}");
        }

        var agency = await db.Agencies.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id.Value, cancellationToken)
            ?? throw new UserRuleException($"Không có cơ quan {id} trong danh bạ.");
        return agency.Status == AgencyStatus.Active
            ? agency.Id
            : throw new UserRuleException($"Cơ quan {id} {agency.Status.ToLabel().ToLowerInvariant()}.");
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new UserRuleException(string.Join(" ", result.Errors.Select(e => e.Description).Distinct()));
        }
    }
}
