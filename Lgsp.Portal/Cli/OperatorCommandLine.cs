using System.Text.Encodings.Web;
using System.Text.Json;
using Lgsp.Directory;
using Lgsp.Portal.Agencies;
using Lgsp.Portal.Applications;
using Lgsp.Portal.Audit;
using Lgsp.Portal.Hosting;
using Lgsp.Portal.Users;

namespace Lgsp.Portal.Cli;

/// <summary>
/// The operator's commands, run by the portal executable on the same data directory as the server, whether or
/// not it runs (SQLite in WAL mode lets both write). Results go to standard output as JSON for scripts; errors
/// go to standard error with a non-zero exit code: 1 when the request was refused, 2 for a malformed command.
/// </summary>
internal static class OperatorCommandLine
{
    private static readonly string[] Commands = ["users", "agencies", "apps", "help"];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private const string Usage = """
        Cách dùng / usage: dotnet run --project Lgsp.Portal -- [--data DIR] COMMAND
          users add --email E --role R [--role R2] [--agency ID] [--name "Họ và tên"]
          agencies find TEXT
          agencies import FILE.csv
          apps issue --agency ID --name NAME [--algorithm hmac-sha256|hmac-sha1|rsa-sha256] [--public-key FILE.pem]
          apps revoke ACCESS_KEY_ID
        """;

    /// <summary>Whether <paramref name="args"/> name a command rather than options for the server.</summary>
    public static bool IsCommand(string[] args)
    {
        if (args.Any(a => a is "--help" or "-h" or "help"))
        {
            return true;
        }

        try
        {
            var words = CommandArguments.Parse(args).Words;
            return words.Count > 0 && Commands.Contains(words[0]);
        }
        catch (UsageException)
        {
            // A malformed command line that names a command is a command: it gets its usage message.
            return args.Any(Commands.Contains);
        }
    }

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        try
        {
            if (args.Any(a => a is "--help" or "-h" or "help"))
            {
                await output.WriteLineAsync(Usage);
                return 0;
            }

            var command = CommandArguments.Parse(args);
            if (command.Words is ["help", ..])
            {
                await output.WriteLineAsync(Usage);
                return 0;
            }

            using var host = BuildHost(command);
            await host.Services.InitializeDataAsync(error, CancellationToken.None);
            await using var scope = host.Services.CreateAsyncScope();
            var result = await DispatchAsync(command, scope.ServiceProvider, CancellationToken.None);
            await output.WriteLineAsync(JsonSerializer.Serialize(result, Json));
            return 0;
        }
        catch (UsageException exception)
        {
            await error.WriteLineAsync(exception.Message);
            await error.WriteLineAsync(Usage);
            return 2;
        }
        catch (Exception exception) when (exception is PortalRuleException or CommandFailedException)
        {
            await error.WriteLineAsync(exception.Message);
            return 1;
        }
    }

    private static IHost BuildHost(CommandArguments command)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddEnvironmentVariables("LGSP_");
        if (command.Option("data") is { } data)
        {
            builder.Configuration["data"] = data;
        }

        // Standard output is for JSON alone: logs go to standard error, warnings and worse only.
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        builder.Services.AddPortalCore();
        builder.Services.AddScoped<ICurrentActor, CommandLineActor>();
        return builder.Build();
    }

    private static async Task<object> DispatchAsync(
        CommandArguments command,
        IServiceProvider services,
        CancellationToken ct) =>
        command.Words switch
        {
            ["users", "add"] => await AddUserAsync(command, services.GetRequiredService<UserAdministration>(), ct),
            ["agencies", "find", var text] => await FindAgenciesAsync(text, command, services, ct),
            ["agencies", "import", var file] => await ImportAgenciesAsync(file, command, services, ct),
            ["apps", "issue"] => await IssueKeyAsync(command, services.GetRequiredService<ApplicationKeys>(), ct),
            ["apps", "revoke", var key] =>
                await RevokeKeyAsync(key, command, services.GetRequiredService<ApplicationKeys>(), ct),
            _ => throw new UsageException($"Lệnh không hợp lệ: {string.Join(' ', command.Words)}."),
        };

    private static async Task<object> AddUserAsync(
        CommandArguments command,
        UserAdministration users,
        CancellationToken ct)
    {
        command.AllowOnly("email", "role", "agency", "name");
        var roles = command.Options("role");
        if (roles.Count == 0)
        {
            throw new UsageException("Thiếu --role.");
        }

        var request = new NewUser(
            command.Required("email"),
            command.Option("name") ?? "",
            roles,
            command.Option("agency"));
        var issued = await users.CreateAsync(request, ct);
        return new { email = issued.Email, roles, agencyId = request.AgencyId, password = issued.OneTimePassword };
    }

    private static async Task<object> IssueKeyAsync(
        CommandArguments command,
        ApplicationKeys keys,
        CancellationToken ct)
    {
        command.AllowOnly("agency", "name", "algorithm", "public-key");
        string? pem = null;
        if (command.Option("public-key") is { } file)
        {
            pem = File.Exists(file) ? await File.ReadAllTextAsync(file, ct) : throw new CommandFailedException(
                $"Không tìm thấy tệp {file}.");
        }

        var issued = await keys.IssueAsync(
            command.Required("agency"),
            command.Required("name"),
            command.Option("algorithm") ?? "hmac-sha256",
            pem,
            ct);
        return issued.SecretKey is null
            ? new { accessKeyId = issued.AccessKeyId, agencyId = issued.AgencyId, algorithm = issued.Algorithm }
            : new { issued.AccessKeyId, issued.SecretKey, issued.AgencyId, issued.Algorithm };
    }

    private static async Task<object> RevokeKeyAsync(
        string accessKeyId,
        CommandArguments command,
        ApplicationKeys keys,
        CancellationToken ct)
    {
        command.AllowOnly();
        await keys.RevokeAsync(accessKeyId, ct);
        return new { accessKeyId, revoked = true };
    }

    private static async Task<object> FindAgenciesAsync(
        string text,
        CommandArguments command,
        IServiceProvider services,
        CancellationToken ct)
    {
        command.AllowOnly();
        var found = await services.GetRequiredService<AgencyDirectoryService>().SearchAsync(text, 50, ct);
        return found.Select(a => new
        {
            id = a.Id.Value,
            name = a.Name,
            shortName = a.ShortName,
            status = a.Status.ToWord(),
            successorIds = a.SuccessorIds,
        });
    }

    private static async Task<object> ImportAgenciesAsync(
        string file,
        CommandArguments command,
        IServiceProvider services,
        CancellationToken ct)
    {
        command.AllowOnly();
        if (!File.Exists(file))
        {
            throw new CommandFailedException($"Không tìm thấy tệp {file}.");
        }

        await using var stream = File.OpenRead(file);
        var result = await services.GetRequiredService<AgencyDirectoryService>()
            .ImportAsync(stream, Path.GetFileName(file), ct);
        if (!result.Succeeded)
        {
            var lines = result.Errors.Select(e => $"{file}:{e.Line}: {e.Message}");
            throw new CommandFailedException($"Không nhập tệp nào vì có lỗi:\n{string.Join('\n', lines)}");
        }

        return new { created = result.Created, updated = result.Updated };
    }
}

/// <summary>A command that was well formed but could not be carried out.</summary>
internal sealed class CommandFailedException(string message) : Exception(message);
