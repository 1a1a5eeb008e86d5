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

    private static readonly Lazy<X509Certificate2> Authority = new(() =>
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Test CA, O=Tổ chức chứng thực thử, C=VN", key,
            HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var created =
            request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx, "t"), "t",
            X509KeyStorageFlags.Exportable);
    });

    private static readonly Lazy<string> AuthorityPem = new(() =>
    {
        var path = Path.Combine(Path.GetTempPath(), $"lgsp-test-ca-{Environment.ProcessId}.pem");
        File.WriteAllText(path, Authority.Value.ExportCertificatePem());
        return path;
    });

    /// <summary>
    /// The settings that make the test authority of <see cref="ExternalPkcs12"/> a trusted one, as a province would
    /// name its certification authorities' roots.
    /// </summary>
    public static Dictionary<string, string> TrustingTheTestAuthority() =>
        new() { ["Signing:TrustedRoots"] = AuthorityPem.Value };

    /// <summary>
    /// A person's certificate from an outside certification authority (one test authority for the whole run), as
    /// the PKCS#12 file they would bring, with the authority's certificate in it.
    /// </summary>
    public static (byte[] Pkcs12, X509Certificate2 Leaf, X509Certificate2 Authority) ExternalPkcs12(
        string name, string password, RSA? sameKey = null)
    {
        using var fresh = RSA.Create(2048);
        var key = sameKey ?? fresh;
        var request = new CertificateRequest($"CN={name}, C=VN", key, HashAlgorithmName.SHA256,
            RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        using var issued = request.Create(Authority.Value, DateTimeOffset.UtcNow.AddDays(-1),
            DateTimeOffset.UtcNow.AddMonths(6), RandomNumberGenerator.GetBytes(8));
        var leaf = issued.CopyWithPrivateKey(key);
        var authority = X509CertificateLoader.LoadCertificate(Authority.Value.RawData);
        var file = new X509Certificate2Collection(new[] { leaf, authority }).Export(X509ContentType.Pfx, password)!;
        return (file, leaf, authority);
    }

    /// <summary>A self-signed certificate with its key as a PKCS#12 file: what anyone can make with openssl.</summary>
    public static byte[] SelfSignedPkcs12(string name, string password)
    {
        using var person = Person(name);
        return person.Export(X509ContentType.Pfx, password)!;
    }
}
