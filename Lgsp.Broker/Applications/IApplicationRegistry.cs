using Lgsp.Signing;

namespace Lgsp.Broker.Applications;

/// <summary>
/// An application registered with the LGSP (Điều 6.1.b), as the broker sees it: the agency it speaks for and
/// what verifies its signatures. The secret is decrypted only for the time of a verification.
/// </summary>
public sealed record RegisteredApplication(
    string AccessKeyId,
    string AgencyId,
    string Name,
    SignatureKind Kind,
    string? Secret,
    string? PublicKeyPem);

/// <summary>
/// Where the broker reads applications and their keys. The portal implements it on its database, where the
/// Mẫu 01 workflow and the operator command line register and revoke them; a lookup answers from storage, so
/// a new or revoked key counts from the next request.
/// </summary>
public interface IApplicationRegistry
{
    /// <summary>The active application with this access key, or null when unknown, revoked or suspended.</summary>
    Task<RegisteredApplication?> FindActiveAsync(string accessKeyId, CancellationToken cancellationToken);
}
