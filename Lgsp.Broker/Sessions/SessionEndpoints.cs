using Lgsp.Broker.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Lgsp.Broker.Sessions;

/// <summary>The session-key endpoints of Điều 11.</summary>
internal static class SessionEndpoints
{
    public static RouteGroupBuilder MapSessions(this RouteGroupBuilder api)
    {
        api.MapPost("/auth/sessions", async (HttpContext http, SessionRequest body, SessionKeys sessions) =>
            {
                var issued = await sessions.IssueAsync(CallingApplication.Get(http), body, http.RequestAborted);
                return TypedResults.Created((string?)null, issued);
            })
            .WithName("IssueSession");

        api.MapPost("/auth/introspect", async (HttpContext http, IntrospectionRequest body, SessionKeys sessions) =>
                TypedResults.Ok(await sessions.IntrospectAsync(
                    CallingApplication.Get(http),
                    body,
                    http.RequestAborted)))
            .WithName("IntrospectSession");
        return api;
    }
}
