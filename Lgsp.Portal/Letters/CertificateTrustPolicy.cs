using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace Lgsp.Portal.Letters;

/// <summary>How far a signer's certificate is vouched for.</summary>
public enum CertificateTrust
{
    /// <summary>Issued by this portal's own authority.</summary>
    Portal,

    /// <summary>Issued by an authority the machine or <c>Signing:TrustedRoots</c> trusts.</summary>
    Trusted,

    /// <summary>Self-signed, or from an authority nobody here vouches for.</summary>
    Unverified,
}

/// <summary>
/// Decides how far a signer's certificate is vouched for at a moment: by this portal's own authority, by an
/// authority the machine or <c>Signing:TrustedRoots</c> trusts, or by nobody. Revocation is checked by the
/// portal's own register, not here (the authorities' lists are not reachable offline).
/// </summary>
public sealed class CertificateTrustPolicy(IOptions<SigningOptions> options)
{
    // Read once: the setting does not change while the portal runs, and verifying must not reread files.
    private readonly Lazy<IReadOnlyList<X509Certificate2>> _configuredRoots = new(() => ReadRoots(options.Value));

    /// <summary>The trust in a certificate, given the chain it carried and the portal's own roots.</summary>
    public CertificateTrust Evaluate(
        X509Certificate2 certificate, IEnumerable<X509Certificate2> carried, DateTime at,
        IReadOnlyList<X509Certificate2> portalRoots)
    {
        var extra = carried.ToList();
        if (portalRoots.Count > 0 && Chains(certificate, extra, at, portalRoots))
        {
            return CertificateTrust.Portal;
        }

        return Chains(certificate, extra, at, _configuredRoots.Value) || Chains(certificate, extra, at, roots: null)
            ? CertificateTrust.Trusted
            : CertificateTrust.Unverified;
    }

    /// <summary>Whether the certificate chains to one of <paramref name="roots"/> (the system's when null).</summary>
    private static bool Chains(
        X509Certificate2 certificate, IReadOnlyList<X509Certificate2> extra, DateTime at,
        IReadOnlyList<X509Certificate2>? roots)
    {
        if (roots is { Count: 0 })
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = at.ToLocalTime();
        chain.ChainPolicy.ExtraStore.AddRange(extra.ToArray());
        if (roots is not null)
        {
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(roots.ToArray());
        }

        // A self-signed certificate is its own root: it proves nothing about who holds it.
        return chain.Build(certificate) && chain.ChainElements.Count > 1;
    }

    /// <summary>The root certificates named in <c>Signing:TrustedRoots</c> (files, ';'-separated).</summary>
    private static List<X509Certificate2> ReadRoots(SigningOptions options)
    {
        var roots = new List<X509Certificate2>();
        foreach (var path in options.TrustedRoots.Split(';', StringSplitOptions.RemoveEmptyEntries
            | StringSplitOptions.TrimEntries))
        {
            var collection = new X509Certificate2Collection();
            if (File.ReadAllText(path).Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
            {
                collection.ImportFromPemFile(path);
            }
            else
            {
                collection.Add(X509CertificateLoader.LoadCertificateFromFile(path));
            }

            roots.AddRange(collection);
        }

        return roots;
    }
}
