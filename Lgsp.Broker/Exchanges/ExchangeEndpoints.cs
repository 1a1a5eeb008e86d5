using Lgsp.Broker.Authentication;
using Lgsp.Broker.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Lgsp.Broker.Exchanges;

/// <summary>The exchange endpoints of the wire contract, each a thin call into <see cref="ExchangeService"/>.</summary>
internal static class ExchangeEndpoints
{
    public static RouteGroupBuilder MapExchanges(this RouteGroupBuilder api)
    {
        api.MapPost("/exchanges", async (HttpContext http, CreateExchangeRequest body, ExchangeService exchanges) =>
            {
                var key = http.Request.Headers["Idempotency-Key"].FirstOrDefault();
                var created = await exchanges.CreateAsync(CallingApplication.Get(http), body, key, http.RequestAborted);
                return TypedResults.Created($"/api/v1/exchanges/{created.Id}", created);
            })
            .WithName("CreateExchange");

        api.MapPut("/exchanges/{id}/content", async (HttpContext http, string id, ExchangeService exchanges) =>
            {
                var (sha256, size) = await exchanges.UploadAsync(
                    CallingApplication.Get(http),
                    id,
                    http.Request.Body,
                    SignedContentHash.Of(http.Request),
                    http.RequestAborted);
                return TypedResults.Ok(new { id, sha256, size });
            })
            .WithMetadata(new StreamedContent())
            .WithName("UploadContent");

        api.MapPut(
            "/exchanges/{id}/policy",
            async (HttpContext http, string id, PolicyRequest body, ExchangeService exchanges) =>
                TypedResults.Ok(await exchanges.SetPolicyAsync(
                    CallingApplication.Get(http),
                    id,
                    body,
                    http.RequestAborted)))
            .WithName("SetPolicy");

        api.MapPost("/exchanges/{id}/submit", async (HttpContext http, string id, ExchangeService exchanges) =>
            {
                var exchange = await exchanges.SubmitAsync(CallingApplication.Get(http), id, http.RequestAborted);
                return TypedResults.Accepted($"/api/v1/exchanges/{id}", ExchangeViews.View(exchange));
            })
            .WithName("SubmitExchange");

        api.MapGet("/exchanges/{id}", async (HttpContext http, string id, ExchangeService exchanges) =>
                TypedResults.Ok(ExchangeViews.View(
                    await exchanges.GetAsync(CallingApplication.Get(http), id, http.RequestAborted))))
            .WithName("GetExchange");

        api.MapGet("/inbox", (HttpContext http, string? status, ExchangeService exchanges) =>
                TypedResults.Ok(exchanges.Inbox(CallingApplication.Get(http), status)
                    .Select(x => ExchangeViews.Item(x.Exchange, x.Recipient)).ToList()))
            .WithName("Inbox");

        api.MapPost("/exchanges/{id}/ready", async (HttpContext http, string id, ExchangeService exchanges) =>
            {
                var caller = CallingApplication.Get(http);
                var exchange = await exchanges.ReadyAsync(caller, id, http.RequestAborted);
                var recipient = exchange.RecipientOf(caller.AgencyId)!;
                return TypedResults.Ok(new ReadyResponse(
                    $"/api/v1/exchanges/{id}/content",
                    recipient.ConvertedSha256 ?? exchange.Sha256!,
                    recipient.ConvertedSize ?? exchange.Size!.Value,
                    exchange.ExpiresUtc,
                    recipient.ConvertedTo ?? exchange.DataType));
            })
            .WithName("Ready");

        api.MapGet("/exchanges/{id}/content", async (HttpContext http, string id, ExchangeService exchanges) =>
            {
                var caller = CallingApplication.Get(http);
                var (exchange, content) = await exchanges.OpenContentAsync(caller, id, http.RequestAborted);
                var recipient = exchange.RecipientOf(caller.AgencyId)!;
                http.Response.RegisterForDispose(content);
                var contentType = recipient.ConvertedTo switch
                {
                    "xml" => "application/xml",
                    "json" => "application/json",
                    _ => exchange.ContentType ?? "application/octet-stream",
                };
                return new ErasableContent(TypedResults.Stream(
                    content,
                    contentType,
                    entityTag: new EntityTagHeaderValue($"\"{recipient.ConvertedSha256 ?? exchange.Sha256}\""),
                    enableRangeProcessing: true));
            })
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .Produces(StatusCodes.Status206PartialContent, contentType: "application/octet-stream")
            .WithName("DownloadContent");

        api.MapPost(
            "/exchanges/{id}/ack",
            async (HttpContext http, string id, AckRequest body, ExchangeService exchanges) =>
                TypedResults.Ok(ExchangeViews.View(
                    await exchanges.AcknowledgeAsync(
                        CallingApplication.Get(http),
                        id,
                        body.Sha256,
                        http.RequestAborted))))
            .WithName("Acknowledge");

        api.MapPost(
            "/exchanges/{id}/reject",
            async (HttpContext http, string id, RejectRequest body, ExchangeService exchanges) =>
                TypedResults.Ok(ExchangeViews.View(
                    await exchanges.RejectAsync(CallingApplication.Get(http), id, body.Reason, http.RequestAborted))))
            .WithName("Reject");

        return api;
    }
}

/// <summary>Wire views of exchanges: metadata, hashes and times, never content.</summary>
internal static class ExchangeViews
{
    public static ExchangeView View(Exchange e) => new(
        e.Id,
        e.SourceAgencyId,
        e.Title,
        e.Priority.ToString().ToLowerInvariant(),
        e.DataType,
        e.ContentType,
        ExchangeService.OverallStatus(e).ToString(),
        e.Sha256,
        e.Size,
        e.CreatedUtc,
        e.SubmittedUtc,
        e.ExpiresUtc,
        e.ContentErasedUtc is not null,
        e.Recipients.Select(r => new RecipientView(
            r.AgencyId, r.RoutedFrom, r.Status.ToString(), r.OfferedUtc, r.ReceivingUtc, r.DeliveredUtc, r.RejectedUtc,
            r.RejectionReason)).ToList());

    public static InboxItem Item(Exchange e, Recipient r) => new(
        e.Id,
        e.SourceAgencyId,
        e.Title,
        e.Priority.ToString().ToLowerInvariant(),
        e.DataType,
        e.Sha256,
        e.Size,
        e.SubmittedUtc,
        r.Status.ToString());
}

/// <summary>Turns <see cref="BrokerException"/> into the contract's problem responses.</summary>
internal sealed class BrokerExceptionFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (BrokerException refusal)
        {
            return BrokerProblems.Problem(refusal.Status, refusal.Code, refusal.Message, refusal.Extra);
        }
        catch (Microsoft.AspNetCore.Connections.ConnectionResetException)
        {
            // The client reset the connection mid-body (an upload cut off; what it sent is already discarded):
            // nobody is left to answer, and it is not the server's failure to log with a stack trace.
            context.HttpContext.Response.StatusCode = StatusCodes.Status499ClientClosedRequest;
            context.HttpContext.Abort();
            return Results.Empty;
        }
    }
}

/// <summary>
/// Sends stored content; if it is erased meanwhile (the recipient acknowledged before its download ended, or the
/// exchange expired), the answer is 410 ContentGone when nothing was sent yet, else the connection is closed:
/// an ended download the client chose, not a server error to log with a stack trace.
/// </summary>
internal sealed class ErasableContent(IResult content) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        try
        {
            await content.ExecuteAsync(httpContext);
        }
        catch (ContentErasedException) when (!httpContext.Response.HasStarted)
        {
            await BrokerProblems.Problem(StatusCodes.Status410Gone, "ContentGone", "The content is no longer kept.")
                .ExecuteAsync(httpContext);
        }
        catch (ContentErasedException)
        {
            httpContext.Abort();
        }
    }
}
