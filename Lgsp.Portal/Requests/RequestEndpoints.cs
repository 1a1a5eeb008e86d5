using Lgsp.Portal.Audit;

namespace Lgsp.Portal.Requests;

/// <summary>Downloads of the files attached to requests.</summary>
internal static class RequestEndpoints
{
    public static IEndpointRouteBuilder MapRequestEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/requests/{id:guid}/files/{fileId:guid}", async Task<IResult> (
                Guid id,
                Guid fileId,
                RequestService requests,
                CancellationToken cancellationToken) =>
            {
                try
                {
                    var file = await requests.AttachmentAsync(id, fileId, cancellationToken);

                    // Always a download, never rendered inline: an attached HTML or SVG file must not run as the
                    // portal's page.
                    return TypedResults.File(file.Content, "application/octet-stream", file.FileName);
                }
                catch (Exception exception) when (exception is RequestNotFoundException or ForbiddenActionException)
                {
                    return TypedResults.NotFound();
                }
            })
            .RequireAuthorization();

        endpoints.MapGet("/requests/{id:guid}/documents/{document}.pdf", async Task<IResult> (
                Guid id,
                string document,
                RequestDocuments documents,
                CancellationToken cancellationToken) =>
            {
                try
                {
                    var rendered = await documents.RenderAsync(id, document, cancellationToken);
                    return TypedResults.File(rendered.Pdf, "application/pdf", rendered.FileName);
                }
                catch (Exception exception) when (exception is RequestNotFoundException or ForbiddenActionException)
                {
                    return TypedResults.NotFound();
                }
            })
            .RequireAuthorization();

        // The live preview a person's own editor rendered; anyone else's, or none, is not found.
        endpoints.MapGet("/requests/{id:guid}/preview/{document}.pdf", IResult (
                Guid id,
                string document,
                HttpContext context,
                LetterPreviews previews) =>
                context.User.Identity?.Name is { } user && previews.Find(user, id, document) is { } pdf
                    ? TypedResults.File(pdf, "application/pdf")
                    : TypedResults.NotFound())
            .RequireAuthorization();
        return endpoints;
    }
}
