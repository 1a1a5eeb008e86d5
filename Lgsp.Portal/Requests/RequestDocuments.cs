using Lgsp.Forms.Catalog;
using Lgsp.Forms.Content;
using Lgsp.Forms.Letters;
using Lgsp.Forms.Requests;
using Lgsp.Portal.Letters;
using Lgsp.Portal.Settings;

namespace Lgsp.Portal.Requests;

/// <summary>A rendered document of a request: its PDF and the name to save it under.</summary>
public sealed record RenderedDocument(byte[] Pdf, string FileName);

/// <summary>
/// Renders a request's documents (the agency's letter, the Department's reply, the handover minutes) as PDF
/// letters, for whoever may see the request; a document not issued yet says so on every page.
/// </summary>
/// <remarks>
/// A signed document is served as it was signed: the request as its head sent it, the reply as the Director issued
/// it, the minutes with the signatures they have so far.
/// </remarks>
public sealed class RequestDocuments(
    RequestService requests,
    IssuedDocuments issued,
    SettingsService settings,
    TimeProvider time)
{
    /// <summary>The documents a request can have, by the name its address uses.</summary>
    public static IReadOnlyList<string> Names { get; } = ["request", "reply", "minutes"];

    /// <summary>One document, or <see cref="RequestNotFoundException"/> when it is not there for this person.</summary>
    public async Task<RenderedDocument> RenderAsync(Guid id, string document, CancellationToken cancellationToken)
    {
        var details = await requests.GetAsync(id, cancellationToken);
        var label = FormCatalog.Get(details.Summary.Kind).Label.Replace(' ', '-').ToLowerInvariant();
        var fileName = $"{label}-{document}-{id.ToString()[..8]}.pdf";
        // A signed version is what was sent, unless the agency is editing the request again after a return.
        var sent = document switch
        {
            "reply" => details.Reply is not null,
            "request" => details.Summary.Status is not (RequestStatus.Draft or RequestStatus.ReturnedForCompletion),
            _ => true,
        };
        if (sent && Names.Contains(document) && await issued.FindAsync(id, document, cancellationToken) is { } signed)
        {
            return new RenderedDocument(signed.Pdf, fileName);
        }

        var platform = await settings.GetAsync(cancellationToken);
        var today = VietnamTime.Today(time);
        var (content, number, date, draft) = document switch
        {
            "request" => ((FormContent)details.Form, (string?)null,
                ((AgencyRequestForm)details.Form).LetterDate is { } dated ? DateOnly.FromDateTime(dated) : today,
                details.Summary.Status is RequestStatus.Draft or RequestStatus.ReturnedForCompletion),
            "reply" when details.Reply is { } reply =>
                (reply, details.ReplyNumber, details.ReplyDate ?? today, details.ReplyNumber is null),
            "minutes" when details.Minutes is { } minutes =>
                (minutes, details.MinutesNumber,
                    minutes.HandoverDate is { } held ? DateOnly.FromDateTime(held) : today,
                    details.MinutesNumber is null),
            _ => throw new RequestNotFoundException(),
        };
        var context = IssuedDocuments.ContextFor(platform, number, date, draft);
        return new RenderedDocument(LetterRenderer.Render(LetterComposer.Compose(content, context)), fileName);
    }

    /// <summary>
    /// A draft rendering of what is being typed (not saved), for the live preview beside the editor; only for
    /// someone who may see the request.
    /// </summary>
    public async Task<byte[]> PreviewAsync(Guid id, FormContent content, CancellationToken cancellationToken)
    {
        await requests.GetAsync(id, cancellationToken);
        var platform = await settings.GetAsync(cancellationToken);
        var copy = FormContent.FromJson(content.ToJson());
        copy.Normalize();
        var context = IssuedDocuments.ContextFor(platform, null, VietnamTime.Today(time), draft: true);
        return LetterRenderer.Render(LetterComposer.Compose(copy, context));
    }
}
