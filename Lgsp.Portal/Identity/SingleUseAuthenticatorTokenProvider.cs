using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using Lgsp.Portal.Data;
using Microsoft.AspNetCore.Identity;

namespace Lgsp.Portal.Identity;

/// <summary>
/// The authenticator-app check (RFC 6238: HMAC-SHA1, six digits, 30-second steps, one step of drift either way)
/// with what Identity's own provider leaves out: a code is accepted once. The last accepted step is kept with the
/// account, and a code of that step or an earlier one is refused (RFC 6238, section 5.2), so a code seen over
/// someone's shoulder or in a log cannot sign in a second time within its minute and a half.
/// </summary>
internal sealed class SingleUseAuthenticatorTokenProvider(TimeProvider time) : AuthenticatorTokenProvider<PortalUser>
{
    private const string Store = "Lgsp";
    private const string LastStep = "LastAuthenticatorStep";

    public override async Task<bool> ValidateAsync(
        string purpose, string token, UserManager<PortalUser> manager, PortalUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (key is null || token.Length != 6
            || !int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            return false;
        }

        var secret = Base32(key);
        var now = time.GetUtcNow().ToUnixTimeSeconds() / 30;
        var last = long.TryParse(await manager.GetAuthenticationTokenAsync(user, Store, LastStep),
            NumberStyles.None, CultureInfo.InvariantCulture, out var stored) ? stored : long.MinValue;
        for (var step = now - 1; step <= now + 1; step++)
        {
            if (step > last && Code(secret, step) == code)
            {
                await manager.SetAuthenticationTokenAsync(user, Store, LastStep,
                    step.ToString(CultureInfo.InvariantCulture));
                return true;
            }
        }

        return false;
    }

    private static int Code(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        var hash = HMACSHA1.HashData(secret, counter);
        var offset = hash[^1] & 0x0f;
        return (BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset)) & 0x7fffffff) % 1_000_000;
    }

    /// <summary>The key as Identity stores it: base32 (RFC 4648), upper case, without padding.</summary>
    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>(text.Length * 5 / 8);
        var (buffer, bits) = (0, 0);
        var digits = text.ToUpperInvariant().Where(c => c is not ('=' or ' ')).Select(c => alphabet.IndexOf(c));
        foreach (var value in digits)
        {
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. bytes];
    }
}
