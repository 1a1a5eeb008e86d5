using System.Security.Cryptography;
using System.Text;

namespace Lgsp.Signing;

/// <summary>
/// What a request looks like to the signature: method, the path and query exactly as sent on the wire, the
/// headers by lower-case name, and the hex SHA-256 of the body.
/// </summary>
public sealed record SignableRequest(
    string Method,
    string RawPath,
    string RawQuery,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Headers,
    string PayloadHash);

/// <summary>
/// The canonical request of SigV4. The path is decoded and re-encoded segment by segment, so that a signer
/// that encoded it once and the bytes on the wire agree; the query is sorted by name then value.
/// </summary>
public static class CanonicalRequest
{
    /// <summary>The hex SHA-256 of an empty body.</summary>
    public const string EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /// <summary>
    /// Builds the canonical request text. <paramref name="sortQuery"/> false keeps the query as sent;
    /// <paramref name="normalizePath"/> false keeps the path as sent.
    /// </summary>
    public static string Build(
        SignableRequest request,
        IReadOnlyList<string> signedHeaders,
        bool sortQuery = true,
        bool normalizePath = true) =>
        string.Join('\n',
            request.Method.ToUpperInvariant(),
            normalizePath ? CanonicalPath(request.RawPath) : request.RawPath,
            sortQuery ? CanonicalQuery(request.RawQuery) : request.RawQuery.TrimStart('?'),
            CanonicalHeaders(request.Headers, signedHeaders),
            string.Join(';', signedHeaders),
            request.PayloadHash);

    /// <summary>
    /// Each path segment percent-decoded, then encoded once with RFC 3986 unreserved characters kept.
    /// </summary>
    public static string CanonicalPath(string rawPath)
    {
        if (rawPath.Length == 0)
        {
            return "/";
        }

        var segments = rawPath.Split('/').Select(segment => Encode(Uri.UnescapeDataString(segment)));
        return string.Join('/', segments);
    }

    /// <summary>Parameters decoded, re-encoded, sorted by name then value (ordinal), joined by <c>&amp;</c>.</summary>
    public static string CanonicalQuery(string rawQuery)
    {
        var query = rawQuery.TrimStart('?');
        if (query.Length == 0)
        {
            return "";
        }

        var pairs = query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair =>
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                var name = equals < 0 ? pair : pair[..equals];
                var value = equals < 0 ? "" : pair[(equals + 1)..];
                return (Name: Encode(Decode(name)), Value: Encode(Decode(value)));
            })
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal);
        return string.Join('&', pairs.Select(p => $"{p.Name}={p.Value}"));
    }

    /// <summary>Signed headers as <c>name:value\n</c>, values trimmed, inner runs of spaces collapsed.</summary>
    public static string CanonicalHeaders(
        IReadOnlyDictionary<string, IReadOnlyList<string>> headers,
        IReadOnlyList<string> signedHeaders)
    {
        var text = new StringBuilder();
        foreach (var name in signedHeaders)
        {
            var values = headers.TryGetValue(name, out var found) ? found : [];
            text.Append(name).Append(':').AppendJoin(',', values.Select(CollapseSpaces)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The string to sign: algorithm, date, scope and the hex SHA-256 of the canonical request.</summary>
    public static string StringToSign(string algorithm, string dateTime, string scope, string canonicalRequest) =>
        string.Join('\n', algorithm, dateTime, scope, Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));

    /// <summary>Lower-case hexadecimal.</summary>
    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    /// <summary>RFC 3986 percent-encoding of UTF-8 bytes, upper-case hex, unreserved characters kept.</summary>
    public static string Encode(string value)
    {
        var encoded = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                encoded.Append(c);
            }
            else
            {
                encoded.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return encoded.ToString();
    }

    // In a query, '+' is a literal plus to SigV4 signers (they encode spaces as %20), so it is not a space here.
    private static string Decode(string value) => Uri.UnescapeDataString(value);

    private static string CollapseSpaces(string value)
    {
        var trimmed = value.Trim();
        var collapsed = new StringBuilder(trimmed.Length);
        foreach (var c in trimmed)
        {
            if (c == ' ' && collapsed.Length > 0 && collapsed[^1] == ' ')
            {
                continue;
            }

            collapsed.Append(c);
        }

        return collapsed.ToString();
    }
}
