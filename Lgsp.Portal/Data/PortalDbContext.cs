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

    public DbSet<ServiceRequest> Requests => Set<ServiceRequest>();

    public DbSet<RequestEvent> RequestEvents => Set<RequestEvent>();

    public DbSet<RequestAttachment> RequestAttachments => Set<RequestAttachment>();

    public DbSet<DocumentCounter> DocumentCounters => Set<DocumentCounter>();

    public DbSet<OneTimeSecret> OneTimeSecrets => Set<OneTimeSecret>();

    public DbSet<SsoClientRecord> SsoClients => Set<SsoClientRecord>();

    public DbSet<CalendarDayRecord> CalendarDays => Set<CalendarDayRecord>();

    public DbSet<CalendarYearRecord> CalendarYears => Set<CalendarYearRecord>();

    public DbSet<PortalNotification> Notifications => Set<PortalNotification>();

    public DbSet<SigningCertificateRecord> SigningCertificates => Set<SigningCertificateRecord>();

    public DbSet<IssuedDocumentRecord> IssuedDocuments => Set<IssuedDocumentRecord>();

    public DbSet<SignatureImageRecord> SignatureImages => Set<SignatureImageRecord>();

    public DbSet<AgencyDayStatistics> AgencyDays => Set<AgencyDayStatistics>();

    public DbSet<StatisticsProgress> StatisticsProgress => Set<StatisticsProgress>();

    public DbSet<AgencyMonthRequests> AgencyMonths => Set<AgencyMonthRequests>();

    public DbSet<ReportRun> ReportRuns => Set<ReportRun>();

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

        OnRequestsCreating(builder);
    }

    private static void OnRequestsCreating(ModelBuilder builder)
    {
        builder.Entity<ServiceRequest>(request =>
        {
            request.Property(r => r.Kind).HasConversion<int>();
            request.Property(r => r.Status).HasConversion<string>().HasMaxLength(30);
            request.Property(r => r.AgencyId).HasMaxLength(13);
            request.Property(r => r.Title).HasMaxLength(500);
            request.Property(r => r.Version).IsConcurrencyToken();
            request.HasIndex(r => r.AgencyId);
            request.HasIndex(r => r.Status);
            request.HasMany(r => r.Events).WithOne().HasForeignKey(e => e.RequestId);
            request.HasMany(r => r.Attachments).WithOne().HasForeignKey(a => a.RequestId);
        });

        builder.Entity<RequestEvent>(e => e.Property(x => x.StatusAfter).HasConversion<string>().HasMaxLength(30));

        builder.Entity<DocumentCounter>(counter => counter.HasKey(c => new { c.Issuer, c.Year }));

        builder.Entity<OneTimeSecret>(secret => secret.HasIndex(s => s.RequestId));

        builder.Entity<SsoClientRecord>(client =>
        {
            client.HasKey(c => c.ClientId);
            client.Property(c => c.ClientId).HasMaxLength(40);
            client.HasIndex(c => c.AgencyId);
        });

        builder.Entity<CalendarDayRecord>(day =>
        {
            day.HasKey(d => d.Date);
            day.Property(d => d.Kind).HasConversion<string>().HasMaxLength(20);
        });

        builder.Entity<CalendarYearRecord>(year => year.HasKey(y => y.Year));

        builder.Entity<SigningCertificateRecord>(certificate =>
        {
            certificate.HasIndex(c => c.UserId);
            certificate.HasIndex(c => c.Thumbprint);
            certificate.HasIndex(c => c.PublicKeySha256);
        });

        builder.Entity<SignatureImageRecord>(image => image.HasKey(i => i.Owner));

        builder.Entity<AgencyDayStatistics>(day =>
        {
            day.HasKey(d => new { d.AgencyId, d.Day });
            day.HasIndex(d => d.Day);
        });

        builder.Entity<AgencyMonthRequests>(month =>
        {
            month.HasKey(m => new { m.AgencyId, m.Month });
            month.HasIndex(m => m.Month);
        });

        builder.Entity<ReportRun>(run =>
        {
            run.HasIndex(r => new { r.RequestedBy, r.RequestedUtc });
            run.Property(r => r.Format).HasConversion<string>();
            run.Property(r => r.State).HasConversion<string>();
        });

        builder.Entity<IssuedDocumentRecord>(document =>
        {
            document.HasIndex(d => new { d.RequestId, d.Document });
            document.HasIndex(d => d.Sha256);
            document.HasIndex(d => d.VerificationCode);
        });

        builder.Entity<PortalNotification>(notification =>
        {
            notification.HasIndex(n => new { n.UserId, n.Key }).IsUnique();
            notification.HasIndex(n => new { n.UserId, n.ReadUtc });
        });
    }

    private static AgencyStatus Parse(string word) =>
        AgencyStatusText.TryParse(word, out var status) ? status : AgencyStatus.Active;
}
