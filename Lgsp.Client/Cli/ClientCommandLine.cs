using System.Text.Encodings.Web;
using System.Text.Json;

namespace Lgsp.Client.Cli;

/// <summary>
/// <c>lgsp-client</c>: send a file, receive what is offered, listen to events, read a status. Results are JSON
/// on standard output (one object per line for streams); errors go to standard error with exit code 1 when the
/// broker refused, 2 for a malformed command.
/// </summary>
public static class ClientCommandLine
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private const string Usage = """
        usage: lgsp-client [--server URL] [--key ACCESS_KEY --secret SECRET | --private-key FILE.pem] COMMAND
          send --to AGENCY [--to AGENCY] [--title TEXT] [--data-type binary] [--priority normal] FILE
          receive [--out DIR] [--once] [--timeout SECONDS]
          listen [--count N]
          status EXCHANGE_ID
        Environment: LGSP_SERVER, LGSP_ACCESS_KEY, LGSP_SECRET_KEY, LGSP_PRIVATE_KEY_FILE.
        """;

    public static async Task<int> RunAsync(
        string[] args,
        TextWriter output,
        TextWriter error,
        CancellationToken cancellationToken)
    {
        try
        {
            var command = Arguments.Parse(args);
            if (command.Words.Count == 0 || command.Flag("help"))
            {
                await output.WriteLineAsync(Usage);
                return command.Words.Count == 0 && !command.Flag("help") ? 2 : 0;
            }

            using var client = new BrokerClient(Options(command));
            return command.Words[0] switch
            {
                "send" => await SendAsync(client, command, output, cancellationToken),
                "receive" => await ReceiveAsync(client, command, output, cancellationToken),
                "listen" => await ListenAsync(client, command, output, cancellationToken),
                "status" when command.Words.Count == 2 =>
                    await WriteAsync(output, await client.GetAsync(command.Words[1], cancellationToken)),
                _ => throw new ArgumentException($"Unknown command: {string.Join(' ', command.Words)}."),
            };
        }
        catch (ArgumentException exception)
        {
            await error.WriteLineAsync(exception.Message);
            await error.WriteLineAsync(Usage);
            return 2;
        }
        catch (BrokerProblemException exception)
        {
            await error.WriteLineAsync(exception.Message);
            return 1;
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            await error.WriteLineAsync(exception.Message);
            return 1;
        }
    }

    private static LgspClientOptions Options(Arguments command)
    {
        var server = command.Option("server") ?? Environment.GetEnvironmentVariable("LGSP_SERVER")
            ?? "http://127.0.0.1:5080";
        var key = command.Option("key") ?? Environment.GetEnvironmentVariable("LGSP_ACCESS_KEY")
            ?? throw new ArgumentException("Missing --key (or LGSP_ACCESS_KEY).");
        var secret = command.Option("secret") ?? Environment.GetEnvironmentVariable("LGSP_SECRET_KEY");
        var pemFile = command.Option("private-key") ?? Environment.GetEnvironmentVariable("LGSP_PRIVATE_KEY_FILE");
        if (secret is null && pemFile is null)
        {
            throw new ArgumentException("Missing --secret (or LGSP_SECRET_KEY), or --private-key for an RSA key.");
        }

        return new LgspClientOptions
        {
            Server = new Uri(server),
            AccessKeyId = key,
            SecretKey = secret,
            PrivateKeyPem = pemFile is null ? null : File.ReadAllText(pemFile),
            Algorithm = pemFile is null ? "LGSP4-HMAC-SHA256" : "LGSP4-RSA-SHA256",
        };
    }

    private static async Task<int> SendAsync(
        BrokerClient client,
        Arguments command,
        TextWriter output,
        CancellationToken ct)
    {
        if (command.Words.Count != 2)
        {
            throw new ArgumentException("send needs exactly one FILE.");
        }

        var file = command.Words[1];
        if (!File.Exists(file))
        {
            throw new ArgumentException($"No such file: {file}.");
        }

        var to = command.Options("to");
        if (to.Count == 0)
        {
            throw new ArgumentException("send needs at least one --to AGENCY.");
        }

        var created = await client.CreateAsync(
            to,
            command.Option("title") ?? Path.GetFileName(file),
            command.Option("data-type") ?? "binary",
            command.Option("priority") ?? "normal",
            command.Option("idempotency-key"),
            ct);
        var id = created.GetProperty("id").GetString()!;
        var uploaded = await client.UploadAsync(created.GetProperty("uploadUrl").GetString()!, file, ct);
        await client.SubmitAsync(id, ct);
        return await WriteAsync(output, new
        {
            id,
            sha256 = uploaded.GetProperty("sha256").GetString(),
            size = uploaded.GetProperty("size").GetInt64(),
            recipients = created.GetProperty("recipients"),
        });
    }

    private static async Task<int> ReceiveAsync(
        BrokerClient client,
        Arguments command,
        TextWriter output,
        CancellationToken ct)
    {
        var directory = command.Option("out") ?? ".";
        Directory.CreateDirectory(directory);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (command.Option("timeout") is { } seconds)
        {
            timeout.CancelAfter(
                TimeSpan.FromSeconds(double.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture)));
        }

        var received = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            await foreach (var message in new EventListener(client).ListenAsync(timeout.Token))
            {
                if (message.Type != "exchange.offered" || !received.Add(message.ExchangeId))
                {
                    continue;
                }

                var ready = await client.ReadyAsync(message.ExchangeId, timeout.Token);
                var path = Path.Combine(directory, message.ExchangeId);
                var sha = await client.DownloadAsync(
                    ready.GetProperty("downloadUrl").GetString()!,
                    path,
                    timeout.Token);
                if (sha != ready.GetProperty("sha256").GetString())
                {
                    // A corrupted download is not acknowledged; the offer stays and is fetched again.
                    File.Delete(path);
                    received.Remove(message.ExchangeId);
                    continue;
                }

                await client.AcknowledgeAsync(message.ExchangeId, sha, timeout.Token);
                await WriteAsync(output, new { id = message.ExchangeId, path, sha256 = sha });
                if (command.Flag("once"))
                {
                    return 0;
                }
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // --timeout elapsed.
        }

        return command.Flag("once") ? 1 : 0;
    }

    private static async Task<int> ListenAsync(
        BrokerClient client,
        Arguments command,
        TextWriter output,
        CancellationToken ct)
    {
        var limit = command.Option("count") is { } count
            ? int.Parse(count, System.Globalization.CultureInfo.InvariantCulture)
            : int.MaxValue;
        var seen = 0;
        await foreach (var message in new EventListener(client).ListenAsync(ct))
        {
            await WriteAsync(output, message);
            if (++seen >= limit)
            {
                break;
            }
        }

        return 0;
    }

    private static async Task<int> WriteAsync(TextWriter output, object value)
    {
        await output.WriteLineAsync(JsonSerializer.Serialize(value, Json));
        await output.FlushAsync();
        return 0;
    }
}
