using System.Security.Cryptography;
using System.Text;

namespace Lgsp.Signing;

/// <summary>The key chain and the MAC or signature over the string to sign, for each profile.</summary>
public static class SignatureMath
{
    /// <summary>The hex MAC of <paramref name="stringToSign"/> under the key chain started from the secret.</summary>
    public static string Mac(AuthorizationHeader header, string secret, string stringToSign)
    {
        var profile = header.Profile;
        var key = Hmac(profile.Kind, Encoding.UTF8.GetBytes(profile.KeyPrefix + secret), header.Date);
        key = Hmac(profile.Kind, key, header.Region);
        key = Hmac(profile.Kind, key, header.Service);
        key = Hmac(profile.Kind, key, header.Terminator);
        return CanonicalRequest.Hex(Hmac(profile.Kind, key, stringToSign));
    }

    /// <summary>The hex RSASSA-PKCS1-v1_5 SHA-256 signature of <paramref name="stringToSign"/>.</summary>
    public static string RsaSign(RSA privateKey, string stringToSign) =>
        CanonicalRequest.Hex(privateKey.SignData(
            Encoding.UTF8.GetBytes(stringToSign), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

    /// <summary>Whether <paramref name="hexSignature"/> is a valid signature by <paramref name="publicKey"/>.</summary>
    public static bool RsaVerify(RSA publicKey, string stringToSign, string hexSignature)
    {
        byte[] signature;
        try
        {
            signature = Convert.FromHexString(hexSignature);
        }
        catch (FormatException)
        {
            return false;
        }

        return publicKey.VerifyData(
            Encoding.UTF8.GetBytes(stringToSign), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    /// <summary>Compares two hex MACs in time that does not depend on where they differ.</summary>
    public static bool MacEquals(string expected, string given) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(given));

    private static byte[] Hmac(SignatureKind kind, byte[] key, string data)
    {
        var bytes = Encoding.UTF8.GetBytes(data);
        return kind == SignatureKind.HmacSha1 ? HMACSHA1.HashData(key, bytes) : HMACSHA256.HashData(key, bytes);
    }
}
