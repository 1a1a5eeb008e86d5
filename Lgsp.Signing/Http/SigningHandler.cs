using System.Security.Cryptography;

namespace Lgsp.Signing.Http;

/// <summary>
/// Signs every request an <see cref="HttpClient"/> sends with the application's credentials, as the broker
/// expects: <c>host</c>, the date header, <c>content-type</c> and the content's SHA-256 header are signed. The
/// content hash is sent in its header, so the broker can stream large uploads instead of hashing them first.
/// </summary>
public sealed class SigningHandler(
    SigningCredentials credentials,
    SigningProfile profile,
    VerificationPolicy scope,
    TimeProvider? time = null) : DelegatingHandler
{
    /// <summary>A random value signed into every unsafe request.</summary>
    public const string NonceHeader = "x-lgsp-nonce";

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    protected override async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request,
        CancellationToken cancellationToken)
    {
        var uri = request.RequestUri ?? throw new InvalidOperationException("The request has no address.");
        // A caller that hashed a large body itself (a file it streams) says so in the header, and the body is
        // then sent as it is read instead of being buffered here to be hashed.
        var payloadHash = request.Headers.TryGetValues(profile.ContentHashHeader, out var declared)
            ? declared.First()
            : await HashContentAsync(request.Content, cancellationToken);
        var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            ["host"] = [uri.IsDefaultPort ? uri.Host : uri.Authority],
            [profile.ContentHashHeader] = [payloadHash],
        };
        if (request.Content?.Headers.ContentType is { } contentType)
        {
            headers["content-type"] = [contentType.ToString()];
        }

        // The broker refuses a signature it has already accepted on an unsafe method, and signatures carry the
        // time to the second: a signed nonce keeps two identical requests in one second distinct.
        var unsafeMethod = request.Method != HttpMethod.Get && request.Method != HttpMethod.Head;
        if (unsafeMethod)
        {
            headers[NonceHeader] = [Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))];
        }

        var signable = new SignableRequest(
            request.Method.Method,
            uri.AbsolutePath,
            uri.Query.TrimStart('?'),
            headers,
            payloadHash);
        var authorization = RequestSigner.Sign(signable, headers, profile, credentials, scope, _time.GetUtcNow());

        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        request.Headers.TryAddWithoutValidation(profile.DateHeader, headers[profile.DateHeader][0]);
        if (unsafeMethod)
        {
            request.Headers.TryAddWithoutValidation(NonceHeader, headers[NonceHeader][0]);
        }
        if (!request.Headers.Contains(profile.ContentHashHeader))
        {
            request.Headers.TryAddWithoutValidation(profile.ContentHashHeader, payloadHash);
        }
        return await base.SendAsync(request, cancellationToken);
    }

    private static async Task<string> HashContentAsync(HttpContent? content, CancellationToken cancellationToken)
    {
        if (content is null)
        {
            return CanonicalRequest.EmptyPayloadHash;
        }

        // Buffered once and hashed; HttpContent replays the buffered bytes when the request is sent.
        await content.LoadIntoBufferAsync(cancellationToken);
        var stream = await content.ReadAsStreamAsync(cancellationToken);
        var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
        if (stream.CanSeek)
        {
            stream.Position = 0;
        }

        return hash;
    }
}
