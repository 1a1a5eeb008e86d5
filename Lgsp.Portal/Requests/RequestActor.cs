using Lgsp.Forms.Requests;
using Lgsp.Portal.Audit;
using Lgsp.Portal.Data;
using Microsoft.AspNetCore.Identity;

namespace Lgsp.Portal.Requests;

/// <summary>The person acting on requests, with the roles the database gives them now.</summary>
public sealed record RequestActor(PortalUser User, IReadOnlySet<string> Roles)
{
    /// <summary>The name the timeline shows.</summary>
    public string DisplayName => string.IsNullOrWhiteSpace(User.FullName) ? User.Email ?? "" : User.FullName;

    /// <summary>True for Department staff, who see every submitted request.</summary>
    public bool IsStaff => Roles.Contains(Identity.Roles.Specialist) || Roles.Contains(Identity.Roles.Director)
        || Roles.Contains(Identity.Roles.Manager) || Roles.Contains(Identity.Roles.Administrator);

    /// <summary>True for an officer or head of the given agency.</summary>
    public bool BelongsTo(string agencyId) => User.AgencyId == agencyId
        && (Roles.Contains(Identity.Roles.AgencyOfficer) || Roles.Contains(Identity.Roles.AgencyHead));

    /// <summary>
    /// True when this person may see an agency's traffic and connections: the Department's staff see every
    /// agency's, an agency's officers and head their own. Anything else is answered as absent, never forbidden.
    /// </summary>
    public bool SeesAgency(string agencyId) => IsStaff || BelongsTo(agencyId);

    /// <summary>
    /// True when the request exists for this person: their own agency's requests, and for staff every request
    /// that has left its agency. Anything else answers "not found", never "forbidden".
    /// </summary>
    public bool CanSee(ServiceRequest request) => BelongsTo(request.AgencyId)
        || (IsStaff && request.Status is not (RequestStatus.Draft or RequestStatus.Withdrawn));

    /// <summary>The workflow parties this person can act as on a request.</summary>
    public IEnumerable<WorkflowParty> PartiesFor(ServiceRequest request)
    {
        if (BelongsTo(request.AgencyId))
        {
            yield return WorkflowParty.Agency;
        }

        if (Roles.Contains(Identity.Roles.Specialist))
        {
            yield return WorkflowParty.Specialist;
        }

        if (Roles.Contains(Identity.Roles.Director))
        {
            yield return WorkflowParty.Director;
        }
    }
}

/// <summary>Finds the <see cref="RequestActor"/> of the current web request or circuit.</summary>
public sealed class RequestActors(ICurrentActor actor, UserManager<PortalUser> users)
{
    /// <summary>The acting person, or <see cref="ForbiddenActionException"/> when nobody usable is signed in.</summary>
    public async Task<RequestActor> CurrentAsync(CancellationToken cancellationToken)
    {
        var name = (await actor.GetAsync(cancellationToken)).Name;
        var user = await users.FindByNameAsync(name);
        if (user is null || await users.IsLockedOutAsync(user))
        {
            throw new ForbiddenActionException();
        }

        return new RequestActor(user, (await users.GetRolesAsync(user)).ToHashSet());
    }
}
