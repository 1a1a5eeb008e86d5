namespace Lgsp.Forms.Requests;

/// <summary>
/// The number and symbol (số, ký hiệu) of an outgoing document, e.g. <c>15/STTTT-CNTT&amp;TT</c>: numbered per
/// issuing body from 01 each calendar year, below 10 with a leading zero (Nghị định 30/2020/NĐ-CP, Phụ lục I).
/// </summary>
public static class DocumentNumber
{
    /// <summary>The number as the document prints it.</summary>
    public static string Format(int number, string symbol)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        return $"{number:00}/{symbol}";
    }
}
