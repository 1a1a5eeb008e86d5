using Lgsp.Directory;
using Lgsp.Portal.Settings;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Lgsp.Portal.Data;

/// <summary>The portal's SQLite database: identity, agency directory, settings and audit log.</summary>
public sealed class PortalDbContext(DbContextOptions<PortalDbContext> options) : IdentityDbContext<PortalUser>(options)
{
    public DbSet<AgencyRecord> Agencies => Set<AgencyRecord>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<ApplicationRecord> Applications => Set<ApplicationRecord>();

    public DbSet<PlatformSettings> Settings => Set<PlatformSettings>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<PortalUser>(user =>
        {
            user.Property(u => u.FullName).HasMaxLength(200);
            user.Property(u => u.AgencyId).HasMaxLength(13);
            user.HasIndex(u => u.AgencyId);
        });

        builder.Entity<AgencyRecord>(agency =>
        {
            agency.HasKey(a => a.Id);
            agency.Property(a => a.Id).HasMaxLength(13);
            agency.Property(a => a.Name).HasMaxLength(500).IsRequired();
            agency.Property(a => a.ShortName).HasMaxLength(100);
            agency.Property(a => a.Status).HasConversion(s => s.ToWord(), w => Parse(w)).HasMaxLength(20);
            agency.HasIndex(a => a.ParentId);
            agency.HasIndex(a => a.SearchKey);
        });

        builder.Entity<AuditEntry>(entry =>
        {
            entry.HasIndex(e => e.OccurredUtc);
            entry.HasIndex(e => e.Action);
            entry.HasIndex(e => e.Actor);
        });

        builder.Entity<ApplicationRecord>(application =>
        {
            application.HasKey(a => a.AccessKeyId);
            application.Property(a => a.AccessKeyId).HasMaxLength(32);
            application.Property(a => a.AgencyId).HasMaxLength(13);
            application.Property(a => a.Name).HasMaxLength(300);
            application.Property(a => a.Kind).HasConversion<string>().HasMaxLength(20);
            application.HasIndex(a => a.AgencyId);
        });

        builder.Entity<PlatformSettings>(settings =>
        {
            settings.HasKey(s => s.Id);
            settings.Property(s => s.Version).IsConcurrencyToken();
        });
    }

    private static AgencyStatus Parse(string word) =>
        AgencyStatusText.TryParse(word, out var status) ? status : AgencyStatus.Active;
}
