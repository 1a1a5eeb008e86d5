using System.Xml;
using Lgsp.Broker.Directory;
using Lgsp.Broker.Http;
using Lgsp.Directory;

namespace Lgsp.Broker.Exchanges;

/// <summary>
/// What the broker does to a package's content between upload and offer (Điều 9: "verifies, converts to an
/// accepted form"): the edXML checks and the JSON/XML conversion for recipients that accept only the other.
/// </summary>
public sealed class ContentPreparation(ExchangeStore store, IAgencyLookup directory)
{
    /// <summary>Refuses an edXML package that fails <see cref="EdxmlValidator"/>, keeping nothing of it.</summary>
    public async Task CheckEdxmlAsync(Exchange exchange, long size)
    {
        IReadOnlyList<string> errors;
        if (size > EdxmlValidator.MaxBytes)
        {
            errors = [$"edXML packages are checked in memory and may be at most {EdxmlValidator.MaxBytes} bytes."];
        }
        else
        {
            using var content = store.OpenContent(exchange.Id)!;
            var addressable = exchange.Recipients
                .SelectMany(r => new[] { r.AgencyId, r.RoutedFrom ?? r.AgencyId })
                .ToList();
            errors = EdxmlValidator.Validate(content, exchange.SourceAgencyId, addressable);
        }

        if (errors.Count > 0)
        {
            // The content is dropped and the exchange stays Allocated, so the sender can upload a corrected package.
            await store.DiscardContentAsync(exchange, CancellationToken.None);
            throw new BrokerException(422, "InvalidEdxml", "The edXML package does not pass the checks: " + errors[0],
                new Dictionary<string, object?> { ["errors"] = errors });
        }
    }

    /// <summary>
    /// Converts json to xml, or xml to json, for each recipient whose agency accepts only the other type, and
    /// keeps the converted copy beside the original. A recipient that accepts neither gets the content as sent.
    /// </summary>
    public async Task<Dictionary<string, (string, string, long)>> ConvertForRecipientsAsync(
        Exchange exchange,
        CancellationToken cancellationToken)
    {
        var converted = new Dictionary<string, (string, string, long)>(StringComparer.Ordinal);
        if (exchange.DataType is not ("json" or "xml") || exchange.Size > ContentConverter.MaxBytes)
        {
            return converted;
        }

        var target = exchange.DataType == "json" ? "xml" : "json";
        foreach (var recipient in exchange.Recipients)
        {
            var accepts = (await directory.FindAsync(recipient.AgencyId, cancellationToken))?.Accepts ?? DataTypes.All;
            if (accepts.Contains(exchange.DataType) || !accepts.Contains(target))
            {
                continue;
            }

            byte[] content;
            try
            {
                using var original = store.OpenContent(exchange.Id)!;
                content = target == "xml" ? ContentConverter.JsonToXml(original) : ContentConverter.XmlToJson(original);
            }
            catch (Exception exception) when (exception is System.Text.Json.JsonException or XmlException)
            {
                throw new BrokerException(422, "ConversionFailed",
                    $"The content is not valid {exchange.DataType}, and {recipient.AgencyId} accepts only {target}.");
            }

            var (sha, size) = await store.WriteVariantAsync(
                exchange.Id,
                recipient.AgencyId,
                content,
                cancellationToken);
            converted[recipient.AgencyId] = (target, sha, size);
        }

        return converted;
    }
}
