using System.Globalization;
using System.Security.Cryptography;
using Lgsp.Broker.Applications;
using Lgsp.Broker.Hosting;
using Lgsp.Broker.Http;
using Lgsp.Broker.Presence;
using Lgsp.Signing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lgsp.Broker.Authentication;

/// <summary>Endpoint metadata: the endpoint answers only requests signed by an active application.</summary>
public sealed class RequiresSignature;

/// <summary>
/// Admits to endpoints marked <see cref="RequiresSignature"/> only requests signed by an active application
/// (spec, "Signing"), and answers every refusal with the contract's problem codes. It runs before the endpoint
/// binds its parameters, so the body it hashed is the body the endpoint reads. The verified application is
/// then available through <see cref="CallingApplication"/>.
/// </summary>
internal sealed partial class SignedRequestMiddleware(
    RequestDelegate next,
    ReplayGuard replays,
    ApplicationKeyCache keys,
    PresenceTracker presence,
    IOptions<BrokerOptions> options,
    TimeProvider time,
    ILogger<SignedRequestMiddleware> logger)
{
    /// <summary>Bodies of ordinary (non-upload) requests are hashed in memory up to this size.</summary>
    public const int MaxJsonBytes = 1024 * 1024;

    public async Task InvokeAsync(HttpContext http)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<RequiresSignature>() is null)
        {
            await next(http);
            return;
        }

        var refusal = await AdmitAsync(http);
        if (refusal is not null)
        {
            await refusal.ExecuteAsync(http);
            return;
        }

        await next(http);
    }

    private async Task<IResult?> AdmitAsync(HttpContext http)
    {
        var now = time.GetUtcNow();
        var streamed = http.GetEndpoint()?.Metadata.GetMetadata<StreamedContent>() is not null;
        var declared = SignedContentHash.Of(http.Request);
        var limit = streamed ? options.Value.MaxContentBytes : MaxJsonBytes;
        if (streamed && http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            // Kestrel stops bodies at 30 MB by default; content may be larger. One byte over the limit lets the
            // broker see the excess itself and answer 413 ContentTooLarge.
            bodySize.MaxRequestBodySize = limit + 1;
        }

        var payloadHash = streamed && declared is not null ? declared.ToLowerInvariant()
            : streamed ? await SpoolBodyAsync(http, limit)
            : await HashBodyAsync(http);
        if (payloadHash is null)
        {
            return BrokerProblems.Problem(StatusCodes.Status413PayloadTooLarge, "ContentTooLarge",
                $"A request body here may be at most {limit} bytes.");
        }

        var signable = Signable(http, payloadHash);
        if (declared is not null && !declared.Equals(payloadHash, StringComparison.OrdinalIgnoreCase))
        {
            return BrokerProblems.Problem(StatusCodes.Status400BadRequest, "ContentHashMismatch",
                "The content SHA-256 header does not match the request body.");
        }

        var application = await FindApplicationAsync(keys, http.RequestServices, signable, http.RequestAborted);
        var policy = new VerificationPolicy(options.Value.Region, options.Value.Service, options.Value.MaxClockSkew);
        var result = SignatureVerifier.Verify(signable, policy, _ => VerificationKeyOf(application), now);
        if (!result.Succeeded)
        {
            LogRefused(logger, result.Failure, result.Header?.AccessKeyId ?? "");
            return Refusal(result, now);
        }

        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)
            && !replays.TryAccept(result.Header!.Signature, 2 * options.Value.MaxClockSkew))
        {
            return BrokerProblems.Problem(StatusCodes.Status401Unauthorized, "ReplayedRequest",
                "This signed request was already accepted; sign each request anew.");
        }

        CallingApplication.Set(http, application!);
        presence.Seen(application!.AccessKeyId, application.AgencyId);
        return null;
    }

    private static async Task<RegisteredApplication?> FindApplicationAsync(
        ApplicationKeyCache keys,
        IServiceProvider services,
        SignableRequest request,
        CancellationToken ct)
    {
        if (!request.Headers.TryGetValue("authorization", out var values)
            || !AuthorizationHeader.TryParse(values[0].Trim(), out var header, out _))
        {
            return null;
        }

        return await keys.FindActiveAsync(header.AccessKeyId, services, ct);
    }

    private static VerificationKey? VerificationKeyOf(RegisteredApplication? application)
    {
        if (application is null)
        {
            return null;
        }

        RSA? publicKey = null;
        if (application.PublicKeyPem is { } pem)
        {
            publicKey = RSA.Create();
            publicKey.ImportFromPem(pem);
        }

        return new VerificationKey(application.AccessKeyId, application.Secret, publicKey);
    }

    private static async Task<string?> HashBodyAsync(HttpContext http)
    {
        if (http.Request.ContentLength is > MaxJsonBytes)
        {
            return null;
        }

        http.Request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: MaxJsonBytes);
        try
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await http.Request.Body.ReadAsync(buffer, http.RequestAborted)) > 0)
            {
                sha.AppendData(buffer, 0, read);
            }

            http.Request.Body.Position = 0;
            return Convert.ToHexStringLower(sha.GetHashAndReset());
        }
        catch (IOException e) when (e is not BadHttpRequestException)
        {
            // The buffer limit was exceeded by a body that did not declare its length. A body Kestrel could not
            // read as HTTP goes on to the exception handler, which answers it as a bad request.
            return null;
        }
    }

    private async Task<string?> SpoolBodyAsync(HttpContext http, long limit)
    {
        if (http.Request.ContentLength > limit)
        {
            return null;
        }

        var spool = Path.Combine(options.Value.DataDirectory, "spool");
        System.IO.Directory.CreateDirectory(spool);
        var file = new FileStream(Path.Combine(spool, Guid.NewGuid().ToString("N")), FileMode.CreateNew,
            FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        http.Response.RegisterForDisposeAsync(file);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[64 * 1024];
        long size = 0;
        int read;
        while ((read = await http.Request.Body.ReadAsync(buffer, http.RequestAborted)) > 0)
        {
            size += read;
            if (size > limit)
            {
                return null;
            }

            sha.AppendData(buffer, 0, read);
            await file.WriteAsync(buffer.AsMemory(0, read), http.RequestAborted);
        }

        file.Position = 0;
        http.Request.Body = file;
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static SignableRequest Signable(HttpContext http, string payloadHash)
    {
        var raw = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? http.Request.Path + http.Request.QueryString;
        var query = raw.IndexOf('?', StringComparison.Ordinal);
        var headers = http.Request.Headers.ToDictionary(
            h => h.Key.ToLowerInvariant(),
            h => (IReadOnlyList<string>)h.Value.Select(v => v ?? "").ToList(),
            StringComparer.Ordinal);
        return new SignableRequest(
            http.Request.Method,
            query < 0 ? raw : raw[..query],
            query < 0 ? "" : raw[(query + 1)..],
            headers,
            payloadHash);
    }

    private static IResult Refusal(VerificationResult result, DateTimeOffset now) => result.Failure switch
    {
        VerificationFailure.MissingAuthentication =>
            BrokerProblems.Problem(StatusCodes.Status401Unauthorized, "MissingAuthentication", result.Detail),
        VerificationFailure.MalformedAuthorization =>
            BrokerProblems.Problem(StatusCodes.Status400BadRequest, "MalformedAuthorization", result.Detail),
        VerificationFailure.RequestTimeTooSkewed =>
            BrokerProblems.Problem(StatusCodes.Status401Unauthorized, "RequestTimeTooSkewed", result.Detail,
                new Dictionary<string, object?>
                {
                    ["serverTime"] = now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                }),
        VerificationFailure.InvalidAccessKey =>
            BrokerProblems.Problem(StatusCodes.Status401Unauthorized, "InvalidAccessKey", result.Detail),
        _ => BrokerProblems.Problem(StatusCodes.Status401Unauthorized, "SignatureDoesNotMatch", result.Detail),
    };

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information,
        Message = "Refused a signed request: {Failure} (access key {AccessKeyId})")]
    private static partial void LogRefused(ILogger logger, VerificationFailure failure, string accessKeyId);
}
