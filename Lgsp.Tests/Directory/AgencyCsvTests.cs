using Lgsp.Directory;
using static Lgsp.Tests.Support.AgencyBuilder;

namespace Lgsp.Tests.Directory;

public sealed class AgencyCsvTests
{
    private const string Header = "id,name,shortName,status,successorIds,effectiveFrom,effectiveTo,accepts\n";

    private static CsvImport Read(string csv, params string[] existing) =>
        AgencyCsv.Read(new StringReader(csv), existing.Select(id => Agency(id, "Cơ quan " + id)).ToList());

    [Fact]
    public void Read_ValidFile_ReadsQuotedFieldsListsAndDates()
    {
        var csv = Header
            + "000.00.13.H06,\"Sở Văn hóa, Thể thao và Du lịch\",SVHTTDL,,,2021-11-15,,edxml;pdf\n"
            + "000.00.11.H06,Sở Thông tin và Truyền thông,STTTT,merged,000.00.14.H06,,28/02/2025,\n";

        var import = Read(csv, "000.00.14.H06");

        Assert.True(import.IsValid, string.Join("; ", import.Errors));
        var culture = import.Agencies[0];
        Assert.Equal("Sở Văn hóa, Thể thao và Du lịch", culture.Name);
        Assert.Equal(new DateOnly(2021, 11, 15), culture.EffectiveFrom);
        Assert.Equal(["edxml", "pdf"], culture.Accepts);
        var merged = import.Agencies[1];
        Assert.Equal(AgencyStatus.Merged, merged.Status);
        Assert.Equal(["000.00.14.H06"], merged.SuccessorIds);
        Assert.Equal(new DateOnly(2025, 2, 28), merged.EffectiveTo);
        Assert.Equal(DataTypes.All, merged.Accepts);
    }

    [Fact]
    public void Read_BadRows_ReportsEachByLineAndImportsNothing()
    {
        var csv = Header
            + "000.00.02.H06,Sở Nội vụ,SNV,active,,,,\n"
            + "000.00.2.H06,Sở Tư pháp,STP,active,,,,\n"
            + "000.00.05.H06,,STC,active,,,,\n"
            + "000.00.04.H06,Sở Kế hoạch và Đầu tư,SKHĐT,merged,,,,\n"
            + "000.00.06.H06,Sở Công Thương,SCT,closed,,,,\n"
            + "000.00.02.H06,Sở Nội vụ lần hai,SNV,active,,,,\n"
            + "000.00.07.H06,Sở Giáo dục,SGD,active,,ngày mai,,\n"
            + "000.00.08.H06,Sở Giao thông,SGT,merged,000.00.99.H06,,,\n"
            + "000.00.09.H06,Sở Xây dựng,SXD,active,,,,fax\n";

        var import = Read(csv);

        Assert.False(import.IsValid);
        Assert.Equal([3, 4, 5, 6, 7, 8, 9, 10], import.Errors.Select(e => e.Line).Distinct().ToArray());
        Assert.Contains(import.Errors, e => e.Line == 7 && e.Message.Contains("dòng 2", StringComparison.Ordinal));
        Assert.Contains(
            import.Errors,
            e => e.Line == 9 && e.Message.Contains("000.00.99.H06", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_QuotedFieldWithLineBreak_ReportsLaterErrorsOnTheirRealLine()
    {
        var csv = Header + "000.00.02.H06,\"Sở Nội vụ\nghi chú\",SNV,,,,,\nbad,Sở X,,,,,,\n";

        var import = Read(csv);

        Assert.Equal(4, Assert.Single(import.Errors).Line);
    }

    [Fact]
    public void Read_MissingHeader_IsRefused()
    {
        var import = Read("000.00.02.H06,Sở Nội vụ\n");

        Assert.False(import.IsValid);
        Assert.Equal(1, import.Errors[0].Line);
    }

    [Fact]
    public void Write_ThenRead_RoundTripsEveryField()
    {
        Agency[] agencies =
        [
            Agency("000.00.14.H06", "Sở Khoa học và Công nghệ", "SKHCN") with { EffectiveFrom = new(2025, 3, 1) },
            Agency("000.00.11.H06", "Sở \"Thông tin\", Truyền thông", "STTTT", AgencyStatus.Merged, "000.00.14.H06")
                with { EffectiveTo = new(2025, 2, 28), Accepts = ["edxml"] },
        ];
        var writer = new StringWriter();

        AgencyCsv.Write(writer, agencies);
        var import = Read(writer.ToString());

        Assert.True(import.IsValid, string.Join("; ", import.Errors));
        Assert.Equal(agencies.Length, import.Agencies.Count);
        for (var i = 0; i < agencies.Length; i++)
        {
            Assert.Equal(agencies[i].Name, import.Agencies[i].Name);
            Assert.Equal(agencies[i].SuccessorIds, import.Agencies[i].SuccessorIds);
            Assert.Equal(agencies[i].EffectiveFrom, import.Agencies[i].EffectiveFrom);
            Assert.Equal(agencies[i].EffectiveTo, import.Agencies[i].EffectiveTo);
            Assert.Equal(agencies[i].Accepts, import.Agencies[i].Accepts);
        }
    }

    [Fact]
    public void Read_UnclosedQuote_IsAnErrorOnItsLine()
    {
        var import = Read(Header + "000.00.02.H06,\"Sở Nội vụ,SNV,,,,,\n000.00.03.H06,Sở Tư pháp,STP,,,,,\n");

        Assert.False(import.IsValid);
        Assert.Equal(2, Assert.Single(import.Errors).Line);
    }

    [Fact]
    public void Read_SuccessorThatIsItselfRetired_IsRefused_SoChainsCannotLoop()
    {
        var csv = Header
            + "000.00.02.H06,A,,merged,000.00.03.H06,,,\n"
            + "000.00.03.H06,B,,merged,000.00.02.H06,,,\n";

        var import = Read(csv);

        Assert.Equal([2, 3], import.Errors.Select(e => e.Line).ToArray());
    }

    [Fact]
    public void Write_FormulaLikeValues_AreDefused_AndReadBackUnchanged()
    {
        Agency[] agencies = [Agency("000.00.02.H06", "=HYPERLINK(\"http://x\";\"y\")", "+cmd|'/C calc'!A0")];
        var writer = new StringWriter();

        AgencyCsv.Write(writer, agencies);
        var line = writer.ToString().Split('\n')[1];
        var import = Read(writer.ToString());

        Assert.Contains(",\"'=HYPERLINK(", line, StringComparison.Ordinal);
        Assert.Contains(",'+cmd", line, StringComparison.Ordinal);
        Assert.Equal(agencies[0].Name, import.Agencies[0].Name);
        Assert.Equal(agencies[0].ShortName, import.Agencies[0].ShortName);
    }

    [Fact]
    public void Read_OverlongName_IsRefused()
    {
        var import = Read(Header + $"000.00.02.H06,{new string('a', AgencyCsv.MaxNameLength + 1)},SNV,,,,,\n");

        Assert.Contains("500", Assert.Single(import.Errors).Message, StringComparison.Ordinal);
    }
}
