using System.Text;
using Lgsp.Directory;

namespace Lgsp.Tests.Directory;

public sealed class VietnameseTextTests
{
    [Theory]
    [InlineData("Sở Thông tin và Truyền thông", "so thong tin va truyen thong")]
    [InlineData("ĐÀI PHÁT THANH", "dai phat thanh")]
    [InlineData("Đảng ủy  -  Khối", "dang uy khoi")]
    [InlineData("Ủy ban nhân dân tỉnh", "uy ban nhan dan tinh")]
    [InlineData("000.00.11.H06", "000.00.11.h06")]
    public void Fold_RemovesCaseMarksAndPunctuation(string text, string expected)
    {
        Assert.Equal(expected, VietnameseText.Fold(text));
    }

    [Fact]
    public void Fold_DecomposedAndComposedInput_FoldAlike()
    {
        var composed = "Truyền thông";
        var decomposed = composed.Normalize(NormalizationForm.FormD);

        Assert.NotEqual(composed, decomposed);
        Assert.Equal(VietnameseText.Fold(composed), VietnameseText.Fold(decomposed));
    }

    [Fact]
    public void Normalize_DecomposedInput_BecomesNfcAndTrimmed()
    {
        var decomposed = "  Sở Y tế ".Normalize(NormalizationForm.FormD);

        var normalized = VietnameseText.Normalize(decomposed);

        Assert.Equal("Sở Y tế", normalized);
        Assert.True(normalized.IsNormalized(NormalizationForm.FormC));
    }
}
