using Lgsp.Portal.Data;
using Lgsp.Portal.Requests;
using Lgsp.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Tests.Portal.Requests;

[Collection(WebCollection.Name)]
public sealed class DocumentNumbersTests : IDisposable
{
    private readonly PortalFactory _portal = new();

    public void Dispose() => _portal.Dispose();

    [Fact]
    public async Task NextAsync_ManyAtTheSameMoment_GivesConsecutiveNumbersWithoutGapsOrDuplicates()
    {
        _portal.StartServer();
        using var start = new ManualResetEventSlim();
        var issuing = Enumerable.Range(0, 24).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await AllocateAsync(DocumentIssuers.Department, 2026, commit: true);
        })).ToList();

        start.Set();
        var numbers = await Task.WhenAll(issuing);

        Assert.Equal(Enumerable.Range(1, 24), numbers.Order());
    }

    [Fact]
    public async Task NextAsync_RolledBack_GivesTheNumberBack_AndEachBodyAndYearCountsAlone()
    {
        _portal.StartServer();

        var first = await AllocateAsync(DocumentIssuers.Department, 2026, commit: true);
        var abandoned = await AllocateAsync(DocumentIssuers.Department, 2026, commit: false);
        var second = await AllocateAsync(DocumentIssuers.Department, 2026, commit: true);
        var minutes = await AllocateAsync(DocumentIssuers.ItCentre, 2026, commit: true);
        var nextYear = await AllocateAsync(DocumentIssuers.Department, 2027, commit: true);

        Assert.Equal((1, 2, 2, 1, 1), (first, abandoned, second, minutes, nextYear));
    }

    private async Task<int> AllocateAsync(string issuer, int year, bool commit)
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var numbers = scope.ServiceProvider.GetRequiredService<DocumentNumbers>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var number = await numbers.NextAsync(issuer, year, CancellationToken.None);
        if (commit)
        {
            await transaction.CommitAsync();
        }

        return number;
    }
}
