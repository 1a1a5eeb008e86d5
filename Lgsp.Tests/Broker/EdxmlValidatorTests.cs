using System.Text;
using Lgsp.Broker.Exchanges;

namespace Lgsp.Tests.Broker;

public sealed class EdxmlValidatorTests
{
    private const string Source = "000.00.15.H06";
    private const string Recipient = "000.00.14.H06";

    // Whitespace between elements carries nothing in edXML, so the package is laid out one element per line.
    private static string Package(
        string ns = EdxmlValidator.Namespace,
        string from = Source,
        string to = Recipient,
        string subject = "Báo cáo tình hình triển khai",
        string attachmentId = "att1",
        string attachment = "JVBERi0xLjQK") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <edXML:edXML xmlns:edXML="{ns}">
          <edXML:edXMLEnvelope>
            <edXML:edXMLHeader>
              <edXML:MessageHeader>
                <edXML:From>
                  <edXML:OrganId>{from}</edXML:OrganId>
                  <edXML:OrganName>Sở Y tế</edXML:OrganName>
                </edXML:From>
                <edXML:To>
                  <edXML:OrganId>{to}</edXML:OrganId>
                  <edXML:OrganName>Sở KH&amp;CN</edXML:OrganName>
                </edXML:To>
                <edXML:Code>
                  <edXML:CodeNumber>15</edXML:CodeNumber>
                  <edXML:CodeNotation>SYT-KHTC</edXML:CodeNotation>
                </edXML:Code>
                <edXML:PromulgationInfo>
                  <edXML:Place>Bắc Giang</edXML:Place>
                  <edXML:PromulgationDate>2026-12-04</edXML:PromulgationDate>
                </edXML:PromulgationInfo>
                <edXML:DocumentType>
                  <edXML:Type>1</edXML:Type>
                  <edXML:TypeName>Công văn</edXML:TypeName>
                </edXML:DocumentType>
                <edXML:Subject>{subject}</edXML:Subject>
              </edXML:MessageHeader>
              <edXML:TraceHeaderList />
            </edXML:edXMLHeader>
            <edXML:edXMLBody>
              <edXML:edXMLManifest>
                <edXML:Reference href="cid:att1">
                  <edXML:AttachmentName>bao-cao.pdf</edXML:AttachmentName>
                </edXML:Reference>
              </edXML:edXMLManifest>
            </edXML:edXMLBody>
          </edXML:edXMLEnvelope>
          <edXML:AttachmentEncoded>
            <edXML:Attachment ContentId="{attachmentId}" ContentType="application/pdf">{attachment}</edXML:Attachment>
          </edXML:AttachmentEncoded>
        </edXML:edXML>
        """;

    private static IReadOnlyList<string> Validate(string xml) =>
        EdxmlValidator.Validate(new MemoryStream(Encoding.UTF8.GetBytes(xml)), Source, [Recipient]);

    [Fact]
    public void SoundPackage_HasNoErrors()
    {
        Assert.Empty(Validate(Package()));
    }

    [Fact]
    public void WrongNamespace_IsRefused()
    {
        Assert.Contains(
            "namespace",
            Assert.Single(Validate(Package(ns: "http://www.mic.gov.vn/TBT/QCVN_102_2016/"))),
            StringComparison.Ordinal);
    }

    [Fact]
    public void FromAnotherAgency_AndToAStranger_AreBothReported()
    {
        var errors = Validate(Package(from: "000.00.02.H06", to: "000.00.03.H06"));

        Assert.Contains(errors, e => e.Contains("From/OrganId", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("000.00.03.H06", StringComparison.Ordinal));
    }

    [Fact]
    public void MissingSubject_IsReported()
    {
        Assert.Contains("Subject", Assert.Single(Validate(Package(subject: " "))), StringComparison.Ordinal);
    }

    [Fact]
    public void ReferenceWithoutItsAttachment_OrWithBrokenBase64_IsReported()
    {
        Assert.Contains(
            "no such attachment",
            Assert.Single(Validate(Package(attachmentId: "other"))),
            StringComparison.Ordinal);
        Assert.Contains(
            "base64",
            Assert.Single(Validate(Package(attachment: "không phải base64"))),
            StringComparison.Ordinal);
    }

    [Fact]
    public void DocumentTypeDeclaration_IsRefusedBeforeAnyEntityIsExpanded()
    {
        var xml = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>";

        Assert.Contains("not well-formed", Assert.Single(Validate(xml)), StringComparison.Ordinal);
    }
}
