using System.Globalization;
using Lgsp.Directory;
using Lgsp.Portal.Audit;
using Lgsp.Portal.Data;
using Microsoft.EntityFrameworkCore;

namespace Lgsp.Portal.Settings;

/// <summary>Thrown when settings were saved by someone else after they were read.</summary>
public sealed class SettingsConflictException()
    : PortalRuleException("Cấu hình vừa được người khác thay đổi; hãy tải lại.");

/// <summary>Reads and saves the province settings; every save is audited with what changed.</summary>
public sealed class SettingsService(
    PortalDbContext db,
    AuditLog audit,
    ICurrentActor actor,
    IConfiguration configuration,
    TimeProvider time)
{
    private static readonly string[] Unaudited =
        [nameof(PlatformSettings.Id), nameof(PlatformSettings.Version), nameof(PlatformSettings.UpdatedUtc)];

    /// <summary>The settings in force.</summary>
    public async Task<PlatformSettings> GetAsync(CancellationToken cancellationToken) =>
        await db.Settings.AsNoTracking().SingleOrDefaultAsync(s => s.Id == 1, cancellationToken) ?? Defaults();

    /// <summary>The defaults from configuration: the regulation's own values.</summary>
    public PlatformSettings Defaults()
    {
        var defaults = new PlatformSettings();
        configuration.GetSection("Platform").Bind(defaults);
        return defaults;
    }

    /// <summary>Creates the settings row from the defaults if there is none yet.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (await db.Settings.AnyAsync(cancellationToken))
        {
            return;
        }

        var defaults = Normalized(Defaults());
        defaults.UpdatedUtc = time.GetUtcNow().UtcDateTime;
        defaults.Version = Guid.NewGuid();
        db.Settings.Add(defaults);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Saves <paramref name="settings"/>, or throws <see cref="SettingsConflictException"/>.</summary>
    public async Task SaveAsync(PlatformSettings settings, CancellationToken cancellationToken)
    {
        await actor.RequireRoleAsync(Identity.Roles.Administrator, cancellationToken);
        var stored = await db.Settings.SingleAsync(s => s.Id == 1, cancellationToken);
        if (stored.Version != settings.Version)
        {
            throw new SettingsConflictException();
        }

        var before = stored.Clone();
        var entry = db.Entry(stored);
        entry.CurrentValues.SetValues(Normalized(settings));
        var changes = Describe(before, stored);
        if (changes.Length == 0)
        {
            entry.State = EntityState.Unchanged;
            return;
        }

        stored.UpdatedUtc = time.GetUtcNow().UtcDateTime;
        stored.Version = Guid.NewGuid();
        await audit.AddAsync(AuditActions.SettingsChanged, "settings", changes, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new SettingsConflictException();
        }

        settings.Version = stored.Version;
    }

    private static PlatformSettings Normalized(PlatformSettings s)
    {
        var copy = s.Clone();
        copy.ProvinceName = VietnameseText.Normalize(s.ProvinceName);
        copy.PeopleCommitteeName = VietnameseText.Normalize(s.PeopleCommitteeName);
        copy.EmailDomain = VietnameseText.Normalize(s.EmailDomain).ToLowerInvariant();
        copy.DepartmentName = VietnameseText.Normalize(s.DepartmentName);
        copy.DepartmentShortName = VietnameseText.Normalize(s.DepartmentShortName);
        copy.ItCentreName = VietnameseText.Normalize(s.ItCentreName);
        copy.ItCentreShortName = VietnameseText.Normalize(s.ItCentreShortName);
        copy.RegulationDecisionNumber = VietnameseText.Normalize(s.RegulationDecisionNumber);
        copy.ReplySymbol = VietnameseText.Normalize(s.ReplySymbol);
        copy.PublicAddress = VietnameseText.Normalize(s.PublicAddress).TrimEnd('/');
        copy.MinutesSymbol = VietnameseText.Normalize(s.MinutesSymbol);
        return copy;
    }

    private static string Describe(PlatformSettings before, PlatformSettings after)
    {
        var changed = typeof(PlatformSettings).GetProperties()
            .Where(p => !Unaudited.Contains(p.Name))
            .Select(p => (p.Name, Old: Text(p.GetValue(before)), New: Text(p.GetValue(after))))
            .Where(p => p.Old != p.New)
            .Select(p => $"{p.Name}: \"{p.Old}\" → \"{p.New}\"");
        return string.Join("; ", changed);
    }

    private static string Text(object? value) => value switch
    {
        DateOnly date => VietnamTime.FormatDate(date),
        TimeOnly t => t.ToString("HH:mm", CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? "",
    };
}
