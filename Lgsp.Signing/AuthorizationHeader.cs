using System.Diagnostics.CodeAnalysis;

namespace Lgsp.Signing;

/// <summary>
/// A parsed <c>Authorization</c> header:
/// <c>ALGORITHM Credential=KEY/yyyyMMdd/REGION/SERVICE/TERMINATOR, SignedHeaders=a;b, Signature=hex</c>.
/// </summary>
public sealed record AuthorizationHeader(
    SigningProfile Profile,
    string AccessKeyId,
    string Date,
    string Region,
    string Service,
    string Terminator,
    IReadOnlyList<string> SignedHeaders,
    string Signature)
{
    /// <summary>The credential scope, <c>yyyyMMdd/REGION/SERVICE/TERMINATOR</c>.</summary>
    public string Scope => $"{Date}/{Region}/{Service}/{Terminator}";

    /// <summary>Parses a header value; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(
        string value,
        [NotNullWhen(true)] out AuthorizationHeader? header,
        [NotNullWhen(false)] out string? error)
    {
        header = null;
        var space = value.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0)
        {
            error = "The Authorization header has no algorithm.";
            return false;
        }

        var profile = SigningProfile.Find(value[..space]);
        if (profile is null)
        {
            error = "Unsupported algorithm; use one of "
                + $"{string.Join(", ", SigningProfile.All.Select(p => p.Algorithm))}.";
            return false;
        }

        var parts = value[(space + 1)..]
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2))
            .ToList();
        if (parts.Any(p => p.Length != 2)
            || parts.Select(p => p[0]).Distinct(StringComparer.Ordinal).Count() != parts.Count)
        {
            error = "The Authorization header must be Credential=…, SignedHeaders=…, Signature=….";
            return false;
        }

        var fields = parts.ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        if (!fields.TryGetValue("Credential", out var credential)
            || !fields.TryGetValue("SignedHeaders", out var signedHeaders)
            || !fields.TryGetValue("Signature", out var signature))
        {
            error = "The Authorization header needs Credential, SignedHeaders and Signature.";
            return false;
        }

        var scope = credential.Split('/');
        if (scope.Length != 5 || scope.Any(string.IsNullOrEmpty)
            || scope[1].Length != 8 || !scope[1].All(char.IsAsciiDigit))
        {
            error = "Credential must be ACCESS_KEY/yyyyMMdd/REGION/SERVICE/TERMINATOR.";
            return false;
        }

        var headers = signedHeaders.Split(';');
        if (headers.Any(h => h.Length == 0 || h != h.ToLowerInvariant()))
        {
            error = "SignedHeaders must be lower-case names separated by ';'.";
            return false;
        }

        if (signature.Length == 0 || !signature.All(char.IsAsciiHexDigitLower))
        {
            error = "Signature must be lower-case hexadecimal.";
            return false;
        }

        header = new AuthorizationHeader(profile, scope[0], scope[1], scope[2], scope[3], scope[4], headers, signature);
        error = null;
        return true;
    }
}
