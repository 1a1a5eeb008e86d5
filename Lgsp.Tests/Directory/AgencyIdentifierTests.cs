using Lgsp.Directory;

namespace Lgsp.Tests.Directory;

public sealed class AgencyIdentifierTests
{
    [Theory]
    [InlineData("000.00.00.H06", 1, null)]
    [InlineData("000.00.11.H06", 2, "000.00.00.H06")]
    [InlineData("000.01.31.H06", 3, "000.00.31.H06")]
    [InlineData("012.01.31.H06", 4, "000.01.31.H06")]
    [InlineData("000.00.00.G12", 1, null)]
    public void Parse_ValidIdentifier_DerivesLevelAndParent(string text, int level, string? parent)
    {
        var identifier = AgencyIdentifier.Parse(text);

        Assert.Equal(text, identifier.Value);
        Assert.Equal(level, identifier.Level);
        Assert.Equal(parent, identifier.Parent?.Value);
    }

    [Fact]
    public void Parse_LowerCaseLevelOneLetterAndSpaces_GivesCanonicalForm()
    {
        var identifier = AgencyIdentifier.Parse("  000.00.11.h06 ");

        Assert.Equal("000.00.11.H06", identifier.Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("000.00.H06")]
    [InlineData("000.00.00.00.H06")]
    [InlineData("00.00.00.H06")]
    [InlineData("000.0A.00.H06")]
    [InlineData("000.00.00.106")]
    [InlineData("000.00.00.HH6")]
    [InlineData("000.00.00.H6")]
    [InlineData("000.05.00.H06")]
    [InlineData("001.00.05.H06")]
    [InlineData("000.00.1١.H06")]
    public void TryParse_Malformed_FailsWithVietnameseReason(string text)
    {
        var parsed = AgencyIdentifier.TryParse(text, out _, out var error);

        Assert.False(parsed);
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.Contains("phải", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Malformed_ThrowsFormatException()
    {
        Assert.Throws<FormatException>(() => AgencyIdentifier.Parse("H06"));
    }
}
