using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Lgsp.Broker.Exchanges;

namespace Lgsp.Tests.Broker;

public sealed class ContentConverterTests
{
    private static MemoryStream Bytes(string text) => new(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void JsonToXml_MapsObjectsArraysScalarsAndNull()
    {
        var xml = XDocument.Parse(Encoding.UTF8.GetString(ContentConverter.JsonToXml(Bytes(
            """{"coQuan":"Sở Y tế","soLuong":3,"daDuyet":true,"ghiChu":null,"tep":["a.pdf","b.pdf"],"2x":1}"""))));

        var root = xml.Root!;
        Assert.Equal("json", root.Name.LocalName);
        Assert.Equal("Sở Y tế", root.Element("coQuan")!.Value);
        Assert.Equal("3", root.Element("soLuong")!.Value);
        Assert.Equal("true", root.Element("daDuyet")!.Value);
        Assert.Equal("true", root.Element("ghiChu")!.Attribute("nil")!.Value);
        Assert.Equal(["a.pdf", "b.pdf"], root.Element("tep")!.Elements("item").Select(e => e.Value));
        Assert.Equal("1", root.Element("_x0032_x")!.Value);
    }

    [Fact]
    public void XmlToJson_MapsAttributesRepeatedChildrenAndText()
    {
        var json = JsonDocument.Parse(ContentConverter.XmlToJson(Bytes(
            """<baoCao ky="11"><muc>Tài chính</muc><muc>Nhân sự</muc><ghiChu lang="vi">Khẩn</ghiChu></baoCao>""")));

        var report = json.RootElement.GetProperty("baoCao");
        Assert.Equal("11", report.GetProperty("@ky").GetString());
        Assert.Equal(["Tài chính", "Nhân sự"], report.GetProperty("muc").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("Khẩn", report.GetProperty("ghiChu").GetProperty("#text").GetString());
        Assert.Equal("vi", report.GetProperty("ghiChu").GetProperty("@lang").GetString());
    }

    [Fact]
    public void MalformedInput_Throws()
    {
        Assert.ThrowsAny<JsonException>(() => ContentConverter.JsonToXml(Bytes("{\"a\":")));
        Assert.ThrowsAny<System.Xml.XmlException>(() => ContentConverter.XmlToJson(Bytes("<a><b></a>")));
    }
}
