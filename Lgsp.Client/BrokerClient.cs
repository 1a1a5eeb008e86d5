using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Lgsp.Signing;
using Lgsp.Signing.Http;

namespace Lgsp.Client;

/// <summary>A refusal from the broker, with the contract's problem code.</summary>
public sealed class BrokerProblemException(HttpStatusCode status, string code, string detail)
    : Exception($"{(int)status} {code}: {detail}")
{
    public HttpStatusCode Status { get; } = status;

    public string Code { get; } = code;
}

/// <summary>
/// A typed client for the exchange flow of the broker contract: every request is signed by
/// <see cref="SigningHandler"/>; uploads are hashed from the file first and then streamed.
/// </summary>
public sealed class BrokerClient : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpClient _http;
    private readonly SigningProfile _profile;

    public BrokerClient(LgspClientOptions options)
    {
        _profile = SigningProfile.Find(options.Algorithm)
            ?? throw new ArgumentException($"Unknown algorithm {options.Algorithm}.", nameof(options));
        var handler = new SigningHandler(
            options.Credentials(),
            _profile,
            new VerificationPolicy(options.Region, options.Service, TimeSpan.FromMinutes(5)),
            options.Time)
        {
            InnerHandler = new SocketsHttpHandler(),
        };
        _http = new HttpClient(handler) { BaseAddress = options.Server, Timeout = Timeout.InfiniteTimeSpan };
    }

    internal HttpClient Http => _http;

    /// <summary>Allocates an exchange to one or more agencies.</summary>
    public Task<JsonElement> CreateAsync(
        IReadOnlyList<string> to,
        string title,
        string dataType,
        string priority,
        string? idempotencyKey,
        CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/exchanges")
        {
            Content = JsonContent.Create(new { to, title, dataType, priority }),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return SendAsync(request, cancellationToken);
    }

    /// <summary>Uploads a file as the exchange's content, streamed, with its SHA-256 declared and signed.</summary>
    public async Task<JsonElement> UploadAsync(string uploadUrl, string path, CancellationToken cancellationToken)
    {
        string sha;
        await using (var hashing = File.OpenRead(path))
        {
            sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(hashing, cancellationToken));
        }

        await using var file = File.OpenRead(path);
        return await UploadAsync(uploadUrl, file, sha, cancellationToken);
    }

    /// <summary>Uploads content from a stream whose SHA-256 the caller has computed.</summary>
    public async Task<JsonElement> UploadAsync(
        string uploadUrl,
        Stream content,
        string sha256,
        CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, uploadUrl) { Content = new StreamContent(content) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        request.Headers.TryAddWithoutValidation(_profile.ContentHashHeader, sha256);
        return await SendAsync(request, cancellationToken);
    }

    /// <summary>Downloads content into <paramref name="target"/> and returns its SHA-256.</summary>
    public async Task<string> DownloadAsync(string downloadUrl, Stream target, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(
            downloadUrl,
            HttpCompletionOption.ResponseHeadersRead,
            cancellationToken);
        await ThrowIfProblemAsync(response, cancellationToken);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            sha.AppendData(buffer, 0, read);
            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    public Task<JsonElement> SubmitAsync(string id, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/v1/exchanges/{id}/submit"), cancellationToken);

    public Task<JsonElement> GetAsync(string id, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/v1/exchanges/{id}"), cancellationToken);

    public Task<JsonElement> InboxAsync(CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/inbox"), cancellationToken);

    public Task<JsonElement> ReadyAsync(string id, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/v1/exchanges/{id}/ready"), cancellationToken);

    public Task<JsonElement> AcknowledgeAsync(string id, string sha256, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/v1/exchanges/{id}/ack")
        {
            Content = JsonContent.Create(new { sha256 }),
        }, cancellationToken);

    public Task<JsonElement> RejectAsync(string id, string reason, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/v1/exchanges/{id}/reject")
        {
            Content = JsonContent.Create(new { reason }),
        }, cancellationToken);

    /// <summary>
    /// Downloads content to <paramref name="path"/>, resuming with <c>Range</c> from what a previous attempt left,
    /// and returns the SHA-256 of the whole file.
    /// </summary>
    public async Task<string> DownloadAsync(string downloadUrl, string path, CancellationToken cancellationToken)
    {
        var partial = path + ".part";
        var have = File.Exists(partial) ? new FileInfo(partial).Length : 0;
        var request = new HttpRequestMessage(HttpMethod.Get, downloadUrl);
        if (have > 0)
        {
            request.Headers.Range = new RangeHeaderValue(have, null);
        }

        using var response = await _http.SendAsync(
            request,
            HttpCompletionOption.ResponseHeadersRead,
            cancellationToken);
        await ThrowIfProblemAsync(response, cancellationToken);
        var append = response.StatusCode == HttpStatusCode.PartialContent;
        await using (var target = new FileStream(partial, append ? FileMode.Append : FileMode.Create))
        {
            await response.Content.CopyToAsync(target, cancellationToken);
        }

        File.Move(partial, path, overwrite: true);
        await using var written = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(written, cancellationToken));
    }

    private async Task<JsonElement> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            await ThrowIfProblemAsync(response, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return text.Length == 0 ? default : JsonSerializer.Deserialize<JsonElement>(text, Json);
        }
    }

    private static async Task ThrowIfProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var code = "HttpError";
        var detail = text;
        try
        {
            var problem = JsonSerializer.Deserialize<JsonElement>(text);
            code = problem.TryGetProperty("code", out var c) ? c.GetString() ?? code : code;
            detail = problem.TryGetProperty("detail", out var d) ? d.GetString() ?? text : text;
        }
        catch (JsonException)
        {
            // Not a problem document; the raw text is the detail.
        }

        throw new BrokerProblemException(response.StatusCode, code, detail);
    }

    public void Dispose() => _http.Dispose();
}
