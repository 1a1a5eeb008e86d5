namespace Lgsp.Forms.Letters;

/// <summary>
/// How a reader checks an issued document: a short code, the verification address that carries it, and the QR
/// code of that address as its module matrix (true = dark, quiet zone included), drawn as vectors.
/// </summary>
public sealed record VerificationMark(string Code, string Address, IReadOnlyList<bool[]> QrModules);

/// <summary>One signature block: the authority line ("KT. GIÁM ĐỐC", or none), the title and the signer.</summary>
public sealed record SignatureBlock(string? Authority, string Title, string Signer);

/// <summary>
/// A Vietnamese administrative document as the renderer lays it out: the two-column heading (issuing body, national
/// name and motto), number and date, subject or title, addressees, body, recipients and signatures.
/// </summary>
public sealed record OfficialLetter
{
    /// <summary>The body above the issuer (printed in capitals, not bold), if any.</summary>
    public string? IssuerParent { get; init; }

    /// <summary>The issuing body, in capitals, bold.</summary>
    public required string Issuer { get; init; }

    /// <summary>"Số: 15/STTTT-CNTT&amp;TT", or "Số: ……" for an unnumbered draft.</summary>
    public required string Number { get; init; }

    /// <summary>The place (the province) and the long date, e.g. "…, ngày 04 tháng 12 năm 2026".</summary>
    public required string PlaceAndDate { get; init; }

    /// <summary>The "V/v …" subject under the number (letters).</summary>
    public string? Subject { get; init; }

    /// <summary>The centred title and its "Về việc …" line (minutes).</summary>
    public (string Title, string About)? Title { get; init; }

    /// <summary>Addressees after "Kính gửi:"; several get a dash each.</summary>
    public IReadOnlyList<string> Addressees { get; init; } = [];

    /// <summary>The body paragraphs, justified with a first-line indent.</summary>
    public required IReadOnlyList<Paragraph> Body { get; init; }

    /// <summary>Recipients after "Nơi nhận:", the last being "Lưu: VT, …"; none for minutes.</summary>
    public IReadOnlyList<string> Recipients { get; init; } = [];

    /// <summary>One signature (letters) or two, left and right (minutes).</summary>
    public required IReadOnlyList<SignatureBlock> Signatures { get; init; }

    /// <summary>The verification code and QR of an issued document, if it has one.</summary>
    public VerificationMark? Mark { get; init; }

    /// <summary>Printed across the top of every page of a document that is not issued yet.</summary>
    public bool Draft { get; init; }
}
