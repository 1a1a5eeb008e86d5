using System.Xml;
using System.Xml.Linq;

namespace Lgsp.Broker.Exchanges;

/// <summary>
/// Checks an edXML package (QCVN 102:2016/BTTTT) as the broker can without an official schema (none is
/// published): the namespace, the header fields every package needs, that every manifest reference has its
/// attachment, and that the package's <c>From</c> is the sending agency and its <c>To</c> list the exchange's
/// recipients (domain.md, "edXML").
/// </summary>
public static class EdxmlValidator
{
    /// <summary>The namespace of QCVN 102:2016; packages in the wild have used wrong ones, which are refused.</summary>
    public const string Namespace = "http://www.mic.gov.vn/TBT/QCVN_102_2016";

    /// <summary>The largest package read into memory for the check.</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    private static readonly XNamespace Ed = Namespace;

    /// <summary>Every problem found, in English for the sending developer; empty when the package is sound.</summary>
    /// <param name="recipients">Identifiers the package may address: those requested and those routed to.</param>
    public static IReadOnlyList<string> Validate(
        Stream package,
        string sourceAgency,
        IReadOnlyCollection<string> recipients)
    {
        XDocument document;
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
            using var reader = XmlReader.Create(package, settings);
            document = XDocument.Load(reader);
        }
        catch (XmlException exception)
        {
            return [$"The package is not well-formed XML: {exception.Message}"];
        }

        var root = document.Root!;
        if (root.Name != Ed + "edXML")
        {
            return
            [
                $"The root element must be edXML in the namespace {Namespace}; "
                    + $"it is {{{root.Name.NamespaceName}}}{root.Name.LocalName}.",
            ];
        }

        var errors = new List<string>();
        var header = root.Element(Ed + "edXMLEnvelope")?.Element(Ed + "edXMLHeader")?.Element(Ed + "MessageHeader");
        if (header is null)
        {
            return ["edXMLEnvelope/edXMLHeader/MessageHeader is missing."];
        }

        CheckHeader(header, sourceAgency, recipients, errors);
        CheckManifest(root, errors);
        return errors;
    }

    private static void CheckHeader(
        XElement header,
        string sourceAgency,
        IReadOnlyCollection<string> recipients,
        List<string> errors)
    {
        string[][] required =
        [
            ["From", "OrganId"], ["Code", "CodeNumber"], ["Code", "CodeNotation"],
            ["PromulgationInfo", "PromulgationDate"], ["DocumentType"], ["Subject"],
        ];
        foreach (var path in required)
        {
            var element = path.Aggregate((XElement?)header, (e, name) => e?.Element(Ed + name));
            if (string.IsNullOrWhiteSpace(element?.Value))
            {
                errors.Add($"MessageHeader/{string.Join('/', path)} is required.");
            }
        }

        var from = header.Element(Ed + "From")?.Element(Ed + "OrganId")?.Value.Trim();
        if (from is { Length: > 0 } && !from.Equals(sourceAgency, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"From/OrganId is {from}, but the package is sent by {sourceAgency}.");
        }

        var to = header.Elements(Ed + "To").Select(t => t.Element(Ed + "OrganId")?.Value.Trim() ?? "").ToList();
        if (to.Count == 0 || to.Any(string.IsNullOrEmpty))
        {
            errors.Add("MessageHeader needs at least one To with an OrganId.");
        }

        foreach (var stranger in to.Where(id => id.Length > 0
            && !recipients.Contains(id, StringComparer.OrdinalIgnoreCase)))
        {
            errors.Add($"To/OrganId {stranger} is not a recipient of this exchange.");
        }
    }

    private static void CheckManifest(XElement root, List<string> errors)
    {
        var references = root.Element(Ed + "edXMLEnvelope")?.Element(Ed + "edXMLBody")?.Element(Ed + "edXMLManifest")
            ?.Elements(Ed + "Reference").ToList() ?? [];
        var attachments = root.Descendants(Ed + "Attachment")
            .Select(a => (
                Id: (a.Attribute("ContentId")?.Value ?? a.Element(Ed + "ContentId")?.Value ?? "").Trim(),
                Body: a))
            .ToList();
        foreach (var reference in references)
        {
            var href = (reference.Attribute("href")?.Value ?? reference.Element(Ed + "ContentId")?.Value ?? "").Trim();
            var id = href.StartsWith("cid:", StringComparison.OrdinalIgnoreCase) ? href[4..] : href;
            if (id.Length == 0)
            {
                errors.Add("A manifest Reference names no cid: attachment.");
                continue;
            }

            var attachment = attachments.FirstOrDefault(a => a.Id.Equals(id, StringComparison.Ordinal));
            if (attachment.Body is null)
            {
                errors.Add($"The manifest references cid:{id}, but the package has no such attachment.");
            }
            else if (!IsBase64(attachment.Body.Nodes().OfType<XText>()
                .Aggregate("", (text, node) => text + node.Value)))
            {
                errors.Add($"The attachment cid:{id} is not base64.");
            }
        }
    }

    private static bool IsBase64(string text)
    {
        var compact = string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
        var buffer = new byte[compact.Length];
        return compact.Length > 0 && Convert.TryFromBase64String(compact, buffer, out _);
    }
}
