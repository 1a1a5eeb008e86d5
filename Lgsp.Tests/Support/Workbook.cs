using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Lgsp.Tests.Support;

/// <summary>A cell as Excel will take it: text or a number, and whether it is a formula.</summary>
internal sealed record WorkbookCell(string? Text, double? Number, bool IsFormula);

/// <summary>Reading workbooks back in tests with DocumentFormat.OpenXml, not the library that wrote them.</summary>
internal static class Workbook
{
    /// <summary>The sheets' names in order.</summary>
    public static IReadOnlyList<string> Sheets(SpreadsheetDocument workbook) =>
        [.. workbook.WorkbookPart!.Workbook.Descendants<Sheet>().Select(s => s.Name!.Value!)];

    /// <summary>A sheet's rows as text or numbers.</summary>
    public static List<List<WorkbookCell>> Rows(SpreadsheetDocument workbook, string sheet)
    {
        var part = workbook.WorkbookPart!;
        var id = part.Workbook.Descendants<Sheet>().Single(s => s.Name == sheet).Id!.Value!;
        var strings = part.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>()
            .Select(i => i.InnerText).ToList() ?? [];
        return [.. ((WorksheetPart)part.GetPartById(id)).Worksheet.Descendants<Row>().Select(row =>
            row.Elements<Cell>().Select(cell =>
            {
                var formula = cell.CellFormula is not null;
                var type = cell.DataType?.Value;
                if (type == CellValues.InlineString)
                {
                    return new WorkbookCell(cell.InlineString!.InnerText, null, formula);
                }

                if (type == CellValues.SharedString)
                {
                    return new WorkbookCell(strings[int.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture)],
                        null, formula);
                }

                if (type == CellValues.String)
                {
                    return new WorkbookCell(cell.CellValue?.Text, null, formula);
                }

                return new WorkbookCell(null, cell.CellValue is { } value
                    ? double.Parse(value.Text, CultureInfo.InvariantCulture)
                    : null, formula);
            }).ToList())];
    }
}
