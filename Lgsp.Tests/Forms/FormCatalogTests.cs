using Lgsp.Forms.Catalog;

namespace Lgsp.Tests.Forms;

public sealed class FormCatalogTests
{
    [Fact]
    public void All_HoldsThirteenFormsInAppendixOrder()
    {
        Assert.Equal(Enumerable.Range(1, 13), FormCatalog.All.Select(f => (int)f.Kind));
        Assert.Equal("Mẫu 08", FormCatalog.Get(FormKind.RegisterSso).Label);
    }

    [Fact]
    public void Replies_AnswerAgencyRequests_AsTheAppendixTitlesPairThem()
    {
        var pairs = FormCatalog.All.Where(f => f.Answers is not null)
            .ToDictionary(f => (int)f.Kind, f => (int)f.Answers!);

        Assert.Equal(
            new Dictionary<int, int> { [2] = 1, [4] = 3, [5] = 3, [7] = 6, [10] = 9, [11] = 9, [13] = 12 },
            pairs);
        Assert.All(pairs.Values, request => Assert.Equal(FormIssuer.Agency, FormCatalog.Get((FormKind)request).Issuer));
        Assert.Equal([1, 3, 6, 8, 9, 12], FormCatalog.Requests.Select(f => (int)f.Kind));
    }
}
