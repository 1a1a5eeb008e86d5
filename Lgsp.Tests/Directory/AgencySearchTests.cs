using Lgsp.Directory;
using static Lgsp.Tests.Support.AgencyBuilder;

namespace Lgsp.Tests.Directory;

public sealed class AgencySearchTests
{
    private static readonly Agency[] Directory =
    [
        Agency("000.00.00.H06", "Ủy ban nhân dân tỉnh Bắc Giang", "UBND tỉnh"),
        Agency("000.00.11.H06", "Sở Thông tin và Truyền thông", "STTTT", AgencyStatus.Merged, "000.00.14.H06"),
        Agency("000.00.14.H06", "Sở Khoa học và Công nghệ", "SKHCN"),
        Agency("000.01.11.H06", "Trung tâm Công nghệ thông tin và Truyền thông", "TT CNTT&TT"),
        Agency("000.00.15.H06", "Sở Y tế", "SYT"),
        Agency("000.00.20.H06", "Đài Phát thanh và Truyền hình tỉnh", "ĐPTTH"),
    ];

    [Fact]
    public void Search_UnaccentedLowerCaseQuery_FindsAccentedName()
    {
        var found = AgencySearch.Search(Directory, "so thong tin");

        Assert.Equal("000.00.11.H06", found[0].Id.Value);
        Assert.DoesNotContain(found, a => a.Id.Value == "000.00.15.H06");
    }

    [Fact]
    public void Search_DWithoutStroke_MatchesDStroke()
    {
        var found = AgencySearch.Search(Directory, "dai phat thanh");

        Assert.Equal("000.00.20.H06", Assert.Single(found).Id.Value);
    }

    [Fact]
    public void Search_Identifier_RanksExactIdentifierFirst()
    {
        var found = AgencySearch.Search(Directory, "000.00.14.h06");

        Assert.Equal("000.00.14.H06", found[0].Id.Value);
    }

    [Fact]
    public void Search_ShortName_RanksItsAgencyFirst()
    {
        var found = AgencySearch.Search(Directory, "syt");

        Assert.Equal("000.00.15.H06", Assert.Single(found).Id.Value);
    }

    [Fact]
    public void Search_WordsInAnyOrder_AllMustMatch()
    {
        var found = AgencySearch.Search(Directory, "truyen thong trung tam");

        Assert.Equal("000.01.11.H06", Assert.Single(found).Id.Value);
    }

    [Fact]
    public void Search_NameStartingWithQuery_RanksBeforeNameContainingIt()
    {
        var found = AgencySearch.Search(Directory, "cong nghe");

        Assert.Equal(["000.00.14.H06", "000.01.11.H06"], found.Select(a => a.Id.Value).Order().ToArray());
        Assert.True(AgencySearch.Score(Directory[3], "trung tam") > AgencySearch.Score(Directory[3], "cong nghe"));
    }

    [Fact]
    public void Search_EmptyOrPunctuationQuery_FindsNothing()
    {
        Assert.Empty(AgencySearch.Search(Directory, "  - "));
    }
}
