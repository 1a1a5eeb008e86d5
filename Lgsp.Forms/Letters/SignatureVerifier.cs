using System.Formats.Asn1;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;

namespace Lgsp.Forms.Letters;

/// <summary>One signature found in a PDF, as a person checking the document wants to know it.</summary>
/// <param name="Valid">The signature matches the bytes it covers and the signer's certificate.</param>
/// <param name="CoversWholeFile">Nothing was added or changed after this signature.</param>
/// <param name="TimeStampedAt">The time of a valid RFC 3161 time-stamp on the signature, if it has one.</param>
/// <param name="Certificate">The signer's certificate, for the caller to decide how far to trust it.</param>
/// <param name="Carried">The other certificates the signature carries (its chain, as the signer sent it).</param>
public sealed record FoundSignature(
    bool Valid,
    bool CoversWholeFile,
    string? Signer,
    string? Issuer,
    DateTimeOffset? SignedAt,
    string? Problem,
    DateTimeOffset? TimeStampedAt = null,
    X509Certificate2? Certificate = null,
    IReadOnlyList<X509Certificate2>? Carried = null);

/// <summary>
/// Checks the signatures of a PDF (PKCS#7 detached, as letters are signed): for each /ByteRange it rebuilds the
/// signed bytes, verifies the CMS signature over them, and says whether the range reaches the end of the file.
/// Trust in the issuing authority is the caller's question: the portal compares hashes with what it issued.
/// </summary>
public static partial class SignatureVerifier
{
    /// <summary>Every signature of the file, in the order they appear.</summary>
    public static IReadOnlyList<FoundSignature> Verify(byte[] pdf)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var found = new List<FoundSignature>();
        foreach (Match match in ByteRange().Matches(text))
        {
            var numbers = match.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(n => long.Parse(n, CultureInfo.InvariantCulture)).ToArray();
            var signature = numbers.Length == 4 ? Check(pdf, numbers) : Broken("Vùng ký không hợp lệ.");
            found.Add(signature with { SignedAt = signature.SignedAt ?? DictionaryTime(text, match.Index) });
        }

        return found;
    }

    private static FoundSignature Check(byte[] pdf, long[] range)
    {
        var (start1, length1, start2, length2) = (range[0], range[1], range[2], range[3]);
        if (start1 != 0 || length1 < 0 || start2 < start1 + length1 || length2 < 0 || start2 + length2 > pdf.Length)
        {
            return Broken("Vùng ký không khớp với tệp (tệp đã bị cắt hoặc sửa).");
        }

        try
        {
            var hex = Encoding.Latin1.GetString(pdf, (int)length1, (int)(start2 - length1)).Trim('<', '>', ' ');
            var der = Convert.FromHexString(hex);
            var cms = new SignedCms(
                new ContentInfo([.. pdf.AsSpan(0, (int)length1), .. pdf.AsSpan((int)start2, (int)length2)]),
                detached: true);
            cms.Decode(der.AsSpan(0, DerLength(der)));
            var signer = cms.SignerInfos[0];
            var certificate = signer.Certificate;
            var signedAt = signer.SignedAttributes.OfType<CryptographicAttributeObject>()
                .Concat(signer.UnsignedAttributes.OfType<CryptographicAttributeObject>())
                .Where(a => a.Oid.Value == "1.2.840.113549.1.9.5")
                .SelectMany(a => a.Values.OfType<AsnEncodedData>())
                .Select(v => (DateTimeOffset?)new DateTimeOffset(
                    DateTime.SpecifyKind(new Pkcs9SigningTime(v.RawData).SigningTime, DateTimeKind.Utc)))
                .FirstOrDefault();
            var valid = Matches(signer);
            return new FoundSignature(valid, start2 + length2 == pdf.Length,
                certificate?.GetNameInfo(X509NameType.SimpleName, false), certificate?.Issuer, signedAt,
                valid ? null : "Nội dung đã bị thay đổi sau khi ký.", valid ? TimeStamp(signer) : null, certificate,
                [.. cms.Certificates.Where(c => c.Thumbprint != certificate?.Thumbprint)]);
        }
        catch (Exception exception) when (exception is FormatException or CryptographicException or AsnContentException)
        {
            return Broken("Không đọc được chữ ký.");
        }
    }

    /// <summary>Whether the signature matches the signed bytes and the signer's certificate.</summary>
    private static bool Matches(SignerInfo signer)
    {
        try
        {
            signer.CheckSignature(verifySignatureOnly: true);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>The time of the signer's RFC 3161 time-stamp, when its token is intact and covers it.</summary>
    private static DateTimeOffset? TimeStamp(SignerInfo signer) => signer.UnsignedAttributes
        .OfType<CryptographicAttributeObject>()
        .Where(a => a.Oid.Value == "1.2.840.113549.1.9.16.2.14")
        .SelectMany(a => a.Values.OfType<AsnEncodedData>())
        .Select(v => Rfc3161TimestampToken.TryDecode(v.RawData, out var token, out _)
            && token.VerifySignatureForSignerInfo(signer, out _) ? token.TokenInfo.Timestamp : (DateTimeOffset?)null)
        .FirstOrDefault(t => t is not null);

    /// <summary>The signing time (/M) of the signature dictionary around a /ByteRange, as PDF writes dates.</summary>
    private static DateTimeOffset? DictionaryTime(string text, int near)
    {
        var from = Math.Max(0, near - 2000);
        var window = text.Substring(from, Math.Min(4000, text.Length - from));
        var match = SigningTime().Matches(window).OrderBy(m => Math.Abs(from + m.Index - near)).FirstOrDefault();
        if (match is null)
        {
            return null;
        }

        var local = DateTime.ParseExact(match.Groups[1].Value, "yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var offset = match.Groups[2].Value switch
        {
            "Z" or "" => TimeSpan.Zero,
            var sign => TimeSpan.FromHours(int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture))
                .Add(TimeSpan.FromMinutes(int.Parse(match.Groups[4].Value is { Length: > 0 } m ? m : "0",
                    CultureInfo.InvariantCulture)))
                * (sign == "-" ? -1 : 1),
        };
        return new DateTimeOffset(local, offset);
    }

    /// <summary>The length of the DER value at the start of a zero-padded buffer.</summary>
    private static int DerLength(byte[] der)
    {
        AsnDecoder.ReadEncodedValue(der, AsnEncodingRules.BER, out _, out _, out var consumed);
        return consumed;
    }

    private static FoundSignature Broken(string problem) => new(false, false, null, null, null, problem);

    [GeneratedRegex(@"/M\s*\(D:(\d{14})([+\-Z]?)(\d{2})?'?(\d{2})?'?\)")]
    private static partial Regex SigningTime();

    [GeneratedRegex(@"/ByteRange\s*\[\s*([0-9 ]+?)\s*\]")]
    private static partial Regex ByteRange();
}
