using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Lgsp.Forms.Letters;

/// <summary>
/// Who signs a letter and with what: an X.509 certificate with its private key, the signer as the letter names
/// them, and the moment of signing (shown in ISO 8601 with Vietnam's offset).
/// </summary>
public sealed record LetterSignature(
    X509Certificate2 Certificate,
    string Signer,
    string Title,
    DateTimeOffset SignedAt)
{
    /// <summary>The certificates between the signer's and the root, carried in the signature for verifiers.</summary>
    public IReadOnlyList<X509Certificate2> Chain { get; init; } = [];

    /// <summary>Why the signer signs, as PDF readers show it ("Giám đốc ký ban hành").</summary>
    public string? Reason { get; init; }

    /// <summary>The signer's handwritten signature as a PNG or JPEG image, drawn in the visible block.</summary>
    public byte[]? SignatureImage { get; init; }

    /// <summary>The agency's seal as a PNG or JPEG image, drawn under the signature of an agency's head.</summary>
    public byte[]? SealImage { get; init; }
}

/// <summary>Where a block's visible signature goes: a page and a rectangle in PDF points from the bottom.</summary>
public sealed record SignaturePlace(int Page, double Left, double Bottom, double Width, double Height);

/// <summary>
/// Adds a signature to a PDF as an incremental update (PDF 32000-1, 12.8): the file's bytes stay as they are, the
/// signature field, its visible block and the signature dictionary are appended, and a detached CMS signature
/// (SHA-256, RFC 5652) covers everything but its own placeholder. A second signature therefore leaves the first
/// one valid, which the minutes' two parties need. With a time-stamp server, the signature gets an RFC 3161 token.
/// </summary>
public static class LetterSigning
{
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);
    private static readonly HttpClient TimeStamps = new() { Timeout = TimeSpan.FromSeconds(20) };
    private const string ByteRangePlaceholder = "[0 0000000000 0000000000 0000000000]";

    /// <summary>The PDF with one more signature in <paramref name="place"/>.</summary>
    public static async Task<byte[]> SignAsync(
        byte[] pdf,
        SignaturePlace place,
        LetterSignature signature,
        Uri? timeStampServer = null,
        CancellationToken cancellationToken = default)
    {
        var reserved = timeStampServer is null ? 16_384 : 32_768;
        var revision = new PdfRevision(pdf);
        var file = revision.File;
        var root = (PdfReference)file.Trailer["Root"];
        var catalog = new Dictionary<string, object>(file.Dictionary(root));
        var pageReference = file.Page(place.Page);

        var time = signature.SignedAt.ToOffset(Vietnam);
        var signatureDictionary = revision.Add(new Dictionary<string, object>
        {
            ["Type"] = new PdfName("Sig"),
            ["Filter"] = new PdfName("Adobe.PPKLite"),
            ["SubFilter"] = new PdfName("adbe.pkcs7.detached"),
            ["ByteRange"] = new PdfAtom(ByteRangePlaceholder),
            ["Contents"] = new PdfAtom($"<{new string('0', reserved * 2)}>"),
            ["Name"] = PdfText.Of(signature.Signer),
            ["Reason"] = PdfText.Of(signature.Reason ?? $"{signature.Title} ký"),
            ["Location"] = PdfText.Of("Việt Nam"),
            ["M"] = PdfText.Of(time.ToString("'D:'yyyyMMddHHmmss'+07''00'''", CultureInfo.InvariantCulture)),
        });

        var acroFormValue = catalog.TryGetValue("AcroForm", out var existing) ? existing : null;
        var acroForm = acroFormValue is null ? [] : new Dictionary<string, object>(file.Dictionary(acroFormValue));
        var fields = acroForm.TryGetValue("Fields", out var list) ? [.. (List<object>)file.Resolve(list)]
            : new List<object>();
        var widget = revision.Add(new Dictionary<string, object>
        {
            ["Type"] = new PdfName("Annot"),
            ["Subtype"] = new PdfName("Widget"),
            ["FT"] = new PdfName("Sig"),
            ["T"] = PdfText.Of($"Chữ ký {fields.Count + 1}"),
            ["V"] = signatureDictionary,
            ["F"] = new PdfAtom("132"),
            ["P"] = pageReference,
            ["Rect"] = Numbers(place.Left, place.Bottom, place.Left + place.Width, place.Bottom + place.Height),
            ["AP"] = new Dictionary<string, object> { ["N"] = Graft(revision, Appearance(place, signature)) },
        });

        fields.Add(widget);
        acroForm["Fields"] = fields;
        acroForm["SigFlags"] = new PdfAtom("3");
        if (acroFormValue is PdfReference acroFormReference)
        {
            revision.Set(acroFormReference, acroForm);
        }
        else
        {
            catalog["AcroForm"] = revision.Add(acroForm);
            revision.Set(root, catalog);
        }

        var page = new Dictionary<string, object>(file.Dictionary(pageReference));
        if (page.TryGetValue("Annots", out var annotations) && annotations is PdfReference annotationsReference)
        {
            revision.Set(annotationsReference, ((List<object>)file.Resolve(annotations)).Append(widget).ToList());
        }
        else
        {
            page["Annots"] = (annotations is List<object> inline ? inline : []).Append(widget).ToList();
            revision.Set(pageReference, page);
        }

        var output = revision.Build();
        return await FillAsync(output, reserved, signature, timeStampServer, cancellationToken);
    }

    /// <summary>Writes the byte range, then the CMS signature over it, into the placeholders.</summary>
    private static async Task<byte[]> FillAsync(
        byte[] output, int reserved, LetterSignature signature, Uri? timeStampServer, CancellationToken cancellation)
    {
        var text = Encoding.Latin1.GetString(output);
        var contents = text.LastIndexOf("/Contents <0000000000", StringComparison.Ordinal) + "/Contents ".Length;
        var afterContents = contents + reserved * 2 + 2;
        var range = text.LastIndexOf(ByteRangePlaceholder, StringComparison.Ordinal);
        var values = FormattableString.Invariant($"[0 {contents} {afterContents} {output.Length - afterContents}]");
        Encoding.Latin1.GetBytes(values.PadRight(ByteRangePlaceholder.Length)).CopyTo(output, range);

        byte[] signed = [.. output.AsSpan(0, contents), .. output.AsSpan(afterContents)];
        var cms = await CmsAsync(signed, signature, timeStampServer, cancellation);
        if (cms.Length > reserved)
        {
            throw new InvalidOperationException($"The signature takes {cms.Length} bytes; {reserved} were reserved.");
        }

        Encoding.Latin1.GetBytes(Convert.ToHexString(cms)).CopyTo(output, contents + 1);
        return output;
    }

    private static async Task<byte[]> CmsAsync(
        byte[] data, LetterSignature signature, Uri? timeStampServer, CancellationToken cancellationToken)
    {
        var cms = new SignedCms(new ContentInfo(data), detached: true);
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, signature.Certificate)
        {
            DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1"),
            IncludeOption = X509IncludeOption.EndCertOnly,
        };
        signer.Certificates.AddRange(signature.Chain.ToArray());
        signer.SignedAttributes.Add(new Pkcs9SigningTime(signature.SignedAt.UtcDateTime));
        cms.ComputeSignature(signer, silent: true);
        if (timeStampServer is not null)
        {
            var info = cms.SignerInfos[0];
            var request = Rfc3161TimestampRequest.CreateFromSignerInfo(
                info, HashAlgorithmName.SHA256, requestSignerCertificates: true,
                nonce: RandomNumberGenerator.GetBytes(8));
            using var body = new ByteArrayContent(request.Encode());
            body.Headers.ContentType = new("application/timestamp-query");
            using var response = await TimeStamps.PostAsync(timeStampServer, body, cancellationToken);
            response.EnsureSuccessStatusCode();
            var token = request.ProcessResponse(
                await response.Content.ReadAsByteArrayAsync(cancellationToken), out _);
            info.AddUnsignedAttribute(new AsnEncodedData(
                new Oid("1.2.840.113549.1.9.16.2.14"), token.AsSignedCms().Encode()));
        }

        return cms.Encode();
    }

    /// <summary>
    /// Copies the single page of a PDFsharp-drawn appearance into the revision as a form XObject, with the fonts and
    /// images it uses renumbered after the file's objects.
    /// </summary>
    private static PdfReference Graft(PdfRevision revision, byte[] appearance)
    {
        var source = new PdfFile(appearance);
        var page = source.Dictionary(source.Page(0));
        var map = new Dictionary<int, PdfReference>();
        var pending = new Queue<int>();
        PdfReference Map(PdfReference reference)
        {
            if (!map.TryGetValue(reference.Number, out var mapped))
            {
                mapped = map[reference.Number] = revision.Reserve();
                pending.Enqueue(reference.Number);
            }

            return mapped;
        }

        var resources = PdfObjects.Renumber(source.Resolve(page["Resources"]), Map);
        var contents = source.Resolve(page["Contents"]) is List<object> parts ? parts : [page["Contents"]];
        using var drawing = new MemoryStream();
        foreach (var part in contents.Cast<PdfReference>())
        {
            var (value, stream) = source.Object(part.Number);
            drawing.Write(Decode((Dictionary<string, object>)value, stream!));
            drawing.WriteByte((byte)'\n');
        }

        while (pending.TryDequeue(out var number))
        {
            var (value, stream) = source.Object(number);
            revision.Set(map[number], PdfObjects.Renumber(value, Map), stream);
        }

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            drawing.Position = 0;
            drawing.CopyTo(zlib);
        }

        return revision.Add(new Dictionary<string, object>
        {
            ["Type"] = new PdfName("XObject"),
            ["Subtype"] = new PdfName("Form"),
            ["BBox"] = source.Resolve(page["MediaBox"]),
            ["Resources"] = resources,
            ["Filter"] = new PdfName("FlateDecode"),
        }, compressed.ToArray());
    }

    private static byte[] Decode(Dictionary<string, object> dictionary, byte[] stream)
    {
        if (!dictionary.TryGetValue("Filter", out var filter))
        {
            return stream;
        }

        if (filter is not PdfName { Raw: "FlateDecode" })
        {
            throw new NotSupportedException("The appearance's content uses a filter other than FlateDecode.");
        }

        using var input = new ZLibStream(new MemoryStream(stream), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    private static List<object> Numbers(params double[] values) =>
        [.. values.Select(v => new PdfAtom(Math.Round(v, 3).ToString(CultureInfo.InvariantCulture)))];

    /// <summary>
    /// The visible block, drawn with PDFsharp on a page of its own size: seal and handwritten signature when there
    /// are images, then "Đã ký số", the signer, the title and the signing time.
    /// </summary>
    private static byte[] Appearance(SignaturePlace place, LetterSignature signature)
    {
        LetterFonts.Install();
        using var document = new PdfDocument();
        var page = document.AddPage();
        page.Width = XUnit.FromPoint(place.Width);
        page.Height = XUnit.FromPoint(place.Height);
        using (var gfx = XGraphics.FromPdfPage(page))
        {
            var box = new XRect(0, 0, place.Width, place.Height);
            gfx.DrawRectangle(new XPen(XColor.FromArgb(200, 30, 30), 0.8), box);
            var textLeft = box.Left + 4;
            foreach (var image in new[] { signature.SealImage, signature.SignatureImage })
            {
                if (image is null)
                {
                    continue;
                }

                using var picture = XImage.FromStream(new MemoryStream(image));
                // Keep the image's proportions within the block's height and a quarter of its width.
                var scale = Math.Min((box.Height - 4) / Math.Max(1, picture.PixelHeight),
                    box.Width / 4 / Math.Max(1, picture.PixelWidth));
                var (pictureWidth, pictureHeight) = (picture.PixelWidth * scale, picture.PixelHeight * scale);
                // The signature overlaps the seal's right half, as a signature crosses a stamp on paper.
                var left = textLeft == box.Left + 4 ? textLeft : textLeft - pictureWidth / 2;
                gfx.DrawImage(picture, left, box.Top + (box.Height - pictureHeight) / 2, pictureWidth, pictureHeight);
                textLeft = left + pictureWidth + 4;
            }

            var options = new XPdfFontOptions(PdfFontEncoding.Unicode);
            var bold = new XFont(LetterFonts.Family, 9, XFontStyleEx.Bold, options);
            var regular = new XFont(LetterFonts.Family, 8.5, XFontStyleEx.Regular, options);
            var when = signature.SignedAt.ToOffset(Vietnam)
                .ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
            var width = box.Right - 4 - textLeft;
            // Beside images the time goes on a line of its own, so that it is never cut.
            var narrow = gfx.MeasureString($"Thời gian ký: {when}", regular).Width > width;
            (string Text, XFont Font)[] lines = narrow
                ? [("Đã ký số", bold), (signature.Signer, regular), (signature.Title, regular),
                    ("Thời gian ký:", regular), (when, regular)]
                : [("Đã ký số", bold), (signature.Signer, regular), (signature.Title, regular),
                    ($"Thời gian ký: {when}", regular)];
            var step = (box.Height - 6) / lines.Length;
            var y = box.Top + 3;
            foreach (var (line, font) in lines)
            {
                gfx.DrawString(line, font, XBrushes.DarkRed, new XRect(textLeft, y, width, step),
                    XStringFormats.TopLeft);
                y += step;
            }
        }

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }
}
