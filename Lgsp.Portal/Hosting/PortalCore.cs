using Lgsp.Broker.Applications;
using Lgsp.Broker.Directory;
using Lgsp.Portal.Agencies;
using Lgsp.Portal.Applications;
using Lgsp.Portal.Audit;
using Lgsp.Portal.Data;
using Lgsp.Portal.Identity;
using Lgsp.Portal.Settings;
using Lgsp.Portal.Users;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Lgsp.Portal.Hosting;

/// <summary>
/// Services shared by the web host and the operator command line: the database, identity, and the directory,
/// settings, users and audit services. Paths come from <see cref="DataDirectory"/> when first resolved, so a
/// test host can point the whole product at a directory of its own.
/// </summary>
internal static class PortalCore
{
    public static IServiceCollection AddPortalCore(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => DataDirectory.From(sp.GetRequiredService<IConfiguration>()));
        services.AddDbContext<PortalDbContext>((sp, options) =>
            options.UseSqlite($"Data Source={sp.GetRequiredService<DataDirectory>().PortalDatabase}"));

        services.AddDataProtection().SetApplicationName("Lgsp");
        services.AddOptions<KeyManagementOptions>()
            .Configure<DataDirectory, ILoggerFactory>((options, data, logs) =>
                options.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(data.KeysDirectory), logs));

        services.AddIdentityCore<PortalUser>(ConfigureIdentity)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<SingleUseAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider)
            .AddErrorDescriber<VietnameseIdentityErrors>()
            .AddClaimsPrincipalFactory<PortalClaimsFactory>();

        services.AddScoped<AuditLog>();
        services.AddScoped<SettingsService>();
        services.AddScoped<AgencyDirectoryService>();
        services.AddSingleton<AgencyEntryCache>();
        services.AddScoped<UserAdministration>();
        services.TryAddSingleton<ApplicationKeyCache>();
        services.AddScoped<ApplicationKeys>();
        services.AddScoped<IApplicationRegistry>(sp => sp.GetRequiredService<ApplicationKeys>());
        services.AddScoped<IAgencyLookup, AgencyLookup>();
        services.AddScoped<FirstRun>();
        services.AddScoped<Requests.RequestActors>();
        services.AddScoped<Requests.CalendarService>();
        services.AddScoped<Requests.DocumentNumbers>();
        services.AddScoped<Requests.RequestIssuance>();
        services.AddScoped<Requests.RequestService>();
        services.AddScoped<Requests.RequestNotices>();
        services.AddScoped<Requests.RequestDocuments>();
        services.AddScoped<Letters.SigningAuthority>();
        services.AddScoped<Letters.IssuedDocuments>();
        services.AddScoped<Letters.SignatureImages>();
        services.AddSingleton<Letters.CertificateTrustPolicy>();
        services.AddSingleton<Requests.LetterPreviews>();
        services.AddOptions<Letters.SigningOptions>().BindConfiguration("Signing");
        services.AddScoped<Letters.DocumentVerification>();
        services.AddScoped<Requests.DeadlineReminders>();
        services.AddScoped<Statistics.TrafficStatisticsJob>();
        services.AddScoped<Statistics.TrafficReports>();
        services.AddScoped<Statistics.DeadlinePerformance>();
        services.AddScoped<Statistics.ConnectedSystems>();
        services.AddScoped<Statistics.RawDataRetention>();
        services.AddScoped<Statistics.TrafficLog>();
        services.AddScoped<Statistics.RequestStatisticsJob>();
        services.AddScoped<Statistics.ReportSources>();
        services.AddScoped<Statistics.SettledListings>();
        services.AddScoped<Statistics.ReportRuns>();
        services.AddScoped<Statistics.ReportJob>();
        services.AddOptions<Statistics.StatisticsOptions>().BindConfiguration("Statistics");
        services.AddScoped<Requests.NotificationService>();
        services.AddSingleton<Requests.NotificationMailer>();
        services.AddOptions<Requests.SmtpOptions>().BindConfiguration("Smtp");
        return services;
    }

    private static void ConfigureIdentity(IdentityOptions options)
    {
        options.User.RequireUniqueEmail = true;
        options.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@+";
        options.Password.RequiredLength = 10;
        options.Password.RequireDigit = true;
        options.Password.RequireLowercase = true;
        options.Password.RequireUppercase = true;
        options.Password.RequireNonAlphanumeric = false;
        options.Password.RequiredUniqueChars = 5;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        options.Lockout.AllowedForNewUsers = true;
        options.SignIn.RequireConfirmedAccount = false;
    }
}
