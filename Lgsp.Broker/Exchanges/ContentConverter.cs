using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;

namespace Lgsp.Broker.Exchanges;

/// <summary>
/// Converts between JSON and XML for a recipient that accepts only the other (Điều 9: the platform converts to
/// an accepted form). The mapping is plain and documented so receivers can rely on it:
/// JSON → XML: the document is <c>&lt;json&gt;</c>; an object's members become child elements named after them
/// (names that are not XML names are encoded with <see cref="XmlConvert.EncodeLocalName"/>); an array becomes
/// repeated <c>&lt;item&gt;</c> children; <c>null</c> is an empty element with <c>nil="true"</c>.
/// XML → JSON: an element becomes an object with <c>@name</c> members for attributes, its child elements by
/// name (an array when a name repeats) and <c>#text</c> for text; an element with only text becomes a string.
/// </summary>
public static class ContentConverter
{
    /// <summary>The largest content converted in memory.</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    /// <summary>JSON bytes to an XML document, UTF-8.</summary>
    public static byte[] JsonToXml(Stream json)
    {
        var node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 256 });
        var root = new XElement("json");
        Fill(root, node);
        return Encode(new XDocument(new XDeclaration("1.0", "utf-8", null), root));
    }

    /// <summary>XML bytes to a JSON document, UTF-8. DTDs are refused.</summary>
    public static byte[] XmlToJson(Stream xml)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        using var reader = XmlReader.Create(xml, settings);
        var root = XDocument.Load(reader).Root!;
        var json = new JsonObject { [root.Name.LocalName] = ToJson(root) };
        return Encoding.UTF8.GetBytes(json.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
    }

    private static void Fill(XElement element, JsonNode? node)
    {
        switch (node)
        {
            case null:
                element.SetAttributeValue("nil", "true");
                break;
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    var child = new XElement(XmlConvert.EncodeLocalName(name.Length == 0 ? "_" : name));
                    Fill(child, value);
                    element.Add(child);
                }

                break;
            case JsonArray array:
                foreach (var value in array)
                {
                    var item = new XElement("item");
                    Fill(item, value);
                    element.Add(item);
                }

                break;
            default:
                var scalar = node.AsValue();
                element.Value = scalar.GetValueKind() switch
                {
                    JsonValueKind.String => scalar.GetValue<string>(),
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    _ => scalar.ToJsonString(),
                };
                break;
        }
    }

    private static JsonNode? ToJson(XElement element)
    {
        var children = element.Elements().ToList();
        var attributes = element.Attributes().Where(a => !a.IsNamespaceDeclaration).ToList();
        var text = string.Concat(element.Nodes().OfType<XText>().Select(t => t.Value)).Trim();
        if (children.Count == 0 && attributes.Count == 0)
        {
            return JsonValue.Create(text);
        }

        var obj = new JsonObject();
        foreach (var attribute in attributes)
        {
            obj["@" + attribute.Name.LocalName] = attribute.Value;
        }

        foreach (var group in children.GroupBy(c => c.Name.LocalName))
        {
            var values = group.Select(ToJson).ToList();
            obj[group.Key] = values.Count == 1 ? values[0] : new JsonArray(values.ToArray());
        }

        if (text.Length > 0)
        {
            obj["#text"] = text;
        }

        return obj;
    }

    private static byte[] Encode(XDocument document)
    {
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            document.Save(writer);
        }

        return buffer.ToArray();
    }

}
