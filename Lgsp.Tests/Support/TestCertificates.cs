using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Lgsp.Tests.Support;

/// <summary>Certificates with private keys made on the spot for signing tests.</summary>
internal static class TestCertificates
{
    /// <summary>A self-signed signing certificate for a person.</summary>
    public static X509Certificate2 Person(string name) => Make($"CN={name}", extensions: []);

    /// <summary>A time-stamping authority's certificate: the critical timeStamping usage RFC 3161 requires.</summary>
    public static X509Certificate2 TimeStampAuthority() => Make("CN=Lgsp test TSA",
    [
        new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.8")], critical: true),
    ]);

    private static X509Certificate2 Make(string subject, IEnumerable<X509Extension> extensions)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        foreach (var extension in extensions)
        {
            request.CertificateExtensions.Add(extension);
        }

        using var created =
            request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx, "t"), "t",
            X509KeyStorageFlags.Exportable);
    }

    /// <summary>The DER of a signingCertificateV2 attribute value naming <paramref name="certificate"/>.</summary>
    public static byte[] SigningCertificateV2(X509Certificate2 certificate)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        using (writer.PushSequence())
        using (writer.PushSequence())
        {
            writer.WriteOctetString(SHA256.HashData(certificate.RawData));
        }

        return writer.Encode();
    }

    /// <summary>A person's certificate from an outside authority, as the PKCS#12 file they would bring.</summary>
    public static (byte[] Pkcs12, X509Certificate2 Leaf, X509Certificate2 Authority) ExternalPkcs12(
        string name, string password)
    {
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=Test CA, O=Tổ chức chứng thực thử, C=VN", caKey,
            HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        var authority =
            caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}, C=VN", key, HashAlgorithmName.SHA256,
            RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        using var issued = request.Create(authority, DateTimeOffset.UtcNow.AddDays(-1),
            DateTimeOffset.UtcNow.AddMonths(6), [1, 2, 3, 4]);
        var leaf = issued.CopyWithPrivateKey(key);
        var chain = new[] { leaf, X509CertificateLoader.LoadCertificate(authority.RawData) };
        var file = new X509Certificate2Collection(chain).Export(X509ContentType.Pfx, password)!;
        return (file, leaf, authority);
    }
}
