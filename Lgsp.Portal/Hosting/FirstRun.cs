using Lgsp.Portal.Agencies;
using Lgsp.Portal.Audit;
using Lgsp.Portal.Data;
using Lgsp.Portal.Identity;
using Lgsp.Portal.Settings;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Lgsp.Portal.Hosting;

/// <summary>
/// Brings a data directory up to date at start: migrations, roles, settings, the sample directory and the first
/// administrator. Every step checks before it acts, so a restart (or a crash halfway) neither loses nor
/// duplicates anything.
/// </summary>
internal sealed partial class FirstRun(
    PortalDbContext db,
    RoleManager<IdentityRole> roles,
    UserManager<PortalUser> users,
    SettingsService settings,
    AgencyDirectoryService directory,
    AuditLog audit,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<FirstRun> logger)
{
    /// <summary>
    /// Prepares the database; <paramref name="console"/> receives the one-time administrator password.
    /// </summary>
    public async Task RunAsync(TextWriter console, CancellationToken cancellationToken)
    {
        await db.Database.MigrateAsync(cancellationToken);

        // WAL lets the operator command line write while the server reads; the mode is stored in the file.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);

        foreach (var role in Roles.All.Where(role => !roles.Roles.Any(r => r.Name == role)))
        {
            await roles.CreateAsync(new IdentityRole(role));
        }

        await settings.EnsureCreatedAsync(cancellationToken);
        await LoadDirectoryAsync(cancellationToken);
        await CreateAdministratorAsync(console, cancellationToken);
    }

    private async Task LoadDirectoryAsync(CancellationToken cancellationToken)
    {
        if (await directory.CountAsync(cancellationToken) > 0)
        {
            return;
        }

        var path = configuration["DirectorySeed"]
            ?? Path.Combine(AppContext.BaseDirectory, "Seed", "agencies.sample.csv");
        await using var file = File.OpenRead(path);
        var result = await directory.ImportCoreAsync(file, Path.GetFileName(path), cancellationToken);
        if (!result.Succeeded)
        {
            var first = result.Errors[0];
            throw new InvalidOperationException(
                $"The directory seed {path} is invalid at line {first.Line}: {first.Message}");
        }

        LogDirectoryLoaded(logger, result.Created, path);
    }

    private async Task CreateAdministratorAsync(TextWriter console, CancellationToken cancellationToken)
    {
        if ((await users.GetUsersInRoleAsync(Roles.Administrator)).Count > 0)
        {
            return;
        }

        // Only a data directory without any account gets a first administrator. One whose administrators were
        // all removed is left alone (the portal refuses to remove the last one): an operator restores access
        // with `users add --role Administrator`, rather than a restart quietly resetting someone's password.
        if (await users.Users.AnyAsync(cancellationToken))
        {
            LogNoAdministrator(logger);
            return;
        }

        var domain = (await settings.GetAsync(cancellationToken)).EmailDomain;
        var email = $"admin@{domain}";
        var given = configuration["ADMIN_PASSWORD"];
        var password = string.IsNullOrEmpty(given) ? PasswordGenerator.Generate() : given;
        var admin = new PortalUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            FullName = "Quản trị hệ thống",
            CreatedUtc = time.GetUtcNow().UtcDateTime,
            MustChangePassword = string.IsNullOrEmpty(given),
        };

        // One transaction: a crash leaves either no account (the next start creates it) or a complete one.
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            Ensure(await users.CreateAsync(admin, password));
            Ensure(await users.AddToRoleAsync(admin, Roles.Administrator));
            await audit.RecordAsync(AuditActions.SystemInitialised, email, "Tạo tài khoản quản trị đầu tiên",
                cancellationToken, actorName: "system");
            await transaction.CommitAsync(cancellationToken);
        }

        if (string.IsNullOrEmpty(given))
        {
            await console.WriteLineAsync($"""

                ==============================================================
                 Tài khoản quản trị đầu tiên / first administrator account
                   Tên đăng nhập: {email}
                   Mật khẩu (chỉ hiện một lần / shown once): {password}
                 Đổi mật khẩu ngay sau lần đăng nhập đầu tiên.
                ==============================================================

                """);
        }
        else
        {
            await console.WriteLineAsync($"Tài khoản quản trị đầu tiên: {email} (mật khẩu từ LGSP_ADMIN_PASSWORD)");
        }
    }

    private static void Ensure(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                "The first administrator could not be created: "
                    + string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning,
        Message = "No account holds the Administrator role; add one with: users add --email E --role Administrator")]
    private static partial void LogNoAdministrator(ILogger logger);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Loaded {Count} agencies from {Path}")]
    private static partial void LogDirectoryLoaded(ILogger logger, int count, string path);
}

/// <summary>Runs <see cref="FirstRun"/> in a scope of its own.</summary>
internal static class FirstRunExtensions
{
    public static async Task InitializeDataAsync(
        this IServiceProvider services,
        TextWriter console,
        CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<FirstRun>().RunAsync(console, cancellationToken);
    }
}
