using System.Net;
using System.Security.Cryptography;
using System.Text;
using Lgsp.Broker.Events;
using Lgsp.Broker.Exchanges;
using Lgsp.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Tests.Broker;

/// <summary>
/// Steps of one exchange that meet or come late: a recipient acknowledging and rejecting at once, saying ready
/// after it acknowledged, a timer acting on a record read before the recipient finished. Each step checks the
/// record under the exchange's lock, so whichever came first stands.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class ConcurrentStepsTests : IDisposable
{
    private const string Health = "000.00.15.H06";
    private const string Science = "000.00.14.H06";
    private const int Trials = 12;

    private static readonly byte[] Content = Encoding.UTF8.GetBytes("Công văn số 12/UBND");
    private static readonly string Sha = Convert.ToHexStringLower(SHA256.HashData(Content));

    private readonly PortalFactory _portal = new(kestrel: true);

    public void Dispose() => _portal.Dispose();

    [Fact]
    public async Task AckAndRejectAtOnce_OnlyOneIsAccepted_AndTheRecordSaysWhich()
    {
        using var source = await BrokerClient.IssueAsync(_portal, Health);
        using var recipient = await BrokerClient.IssueAsync(_portal, Science);
        for (var trial = 0; trial < Trials; trial++)
        {
            var id = await ReceivingAsync(source, recipient);

            var ack = Task.Run(() => recipient.SendAsync(
                HttpMethod.Post, $"/api/v1/exchanges/{id}/ack", new { sha256 = Sha }));
            var reject = Task.Run(() => recipient.SendAsync(
                HttpMethod.Post, $"/api/v1/exchanges/{id}/reject", new { reason = "Không thuộc thẩm quyền" }));
            var (acked, _) = await ack;
            var (rejected, _) = await reject;
            var record = await RecipientRecordAsync(source, id);

            Assert.Equal(1, new[] { acked, rejected }.Count(r => r.StatusCode == HttpStatusCode.OK));
            Assert.Equal(acked.StatusCode == HttpStatusCode.OK ? "Delivered" : "Rejected",
                record.GetProperty("status").GetString());
            Assert.False(record.TryGetProperty("deliveredAt", out var delivered)
                && delivered.ValueKind == System.Text.Json.JsonValueKind.String
                && record.TryGetProperty("rejectedAt", out var rejectedAt)
                && rejectedAt.ValueKind == System.Text.Json.JsonValueKind.String);
        }
    }

    [Fact]
    public async Task AfterAcknowledging_ReadyAndRejectAreRefused_AndTheRecipientStaysDelivered()
    {
        using var source = await BrokerClient.IssueAsync(_portal, Health);
        using var recipient = await BrokerClient.IssueAsync(_portal, Science);
        var id = await ReceivingAsync(source, recipient);

        var (acked, _) = await recipient.SendAsync(
            HttpMethod.Post, $"/api/v1/exchanges/{id}/ack", new { sha256 = Sha });
        var (again, _) = await recipient.SendAsync(
            HttpMethod.Post, $"/api/v1/exchanges/{id}/ack", new { sha256 = Sha });
        var (ready, readyProblem) = await recipient.SendAsync(HttpMethod.Post, $"/api/v1/exchanges/{id}/ready");
        var (rejected, rejectProblem) = await recipient.SendAsync(
            HttpMethod.Post, $"/api/v1/exchanges/{id}/reject", new { reason = "Gửi nhầm" });
        var (_, waiting) = await recipient.SendAsync(HttpMethod.Get, "/api/v1/inbox?status=Receiving");
        var (_, delivered) = await recipient.SendAsync(HttpMethod.Get, "/api/v1/inbox?status=Delivered");

        Assert.Equal(HttpStatusCode.OK, acked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, ready.StatusCode);
        Assert.Equal("NotOffered", readyProblem.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Conflict, rejected.StatusCode);
        Assert.Equal("AlreadyFinal", rejectProblem.GetProperty("code").GetString());
        Assert.Equal("Delivered", (await RecipientRecordAsync(source, id)).GetProperty("status").GetString());
        Assert.DoesNotContain(id, waiting.EnumerateArray().Select(e => e.GetProperty("id").GetString()));
        Assert.Contains(id, delivered.EnumerateArray().Select(e => e.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task AfterRejecting_AnAcknowledgementIsRefused()
    {
        using var source = await BrokerClient.IssueAsync(_portal, Health);
        using var recipient = await BrokerClient.IssueAsync(_portal, Science);
        var id = await ReceivingAsync(source, recipient);

        await recipient.SendAsync(HttpMethod.Post, $"/api/v1/exchanges/{id}/reject", new { reason = "Sai địa chỉ" });
        var (acked, problem) = await recipient.SendAsync(
            HttpMethod.Post, $"/api/v1/exchanges/{id}/ack", new { sha256 = Sha });

        Assert.Equal(HttpStatusCode.Conflict, acked.StatusCode);
        Assert.Equal("NotReady", problem.GetProperty("code").GetString());
        Assert.Equal("Rejected", (await RecipientRecordAsync(source, id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task TwoSubmissionsAtOnce_OfferThePackageOnce()
    {
        using var source = await BrokerClient.IssueAsync(_portal, Health);
        for (var trial = 0; trial < 4; trial++)
        {
            var (_, exchange) = await source.SendAsync(HttpMethod.Post, "/api/v1/exchanges",
                new { to = new[] { Science }, title = "Hồ sơ", dataType = "binary" });
            var id = exchange.GetProperty("id").GetString()!;
            await source.Http.PutAsync(
                $"/api/v1/exchanges/{id}/content",
                new ByteArrayContent(RandomNumberGenerator.GetBytes(4 * 1024 * 1024)));

            var first = Task.Run(() => source.SendAsync(HttpMethod.Post, $"/api/v1/exchanges/{id}/submit"));
            var second = Task.Run(() => source.SendAsync(HttpMethod.Post, $"/api/v1/exchanges/{id}/submit"));
            var (firstResponse, firstBody) = await first;
            var (secondResponse, secondBody) = await second;
            var stored = await RecipientRecordAsync(source, id);

            Assert.Equal(HttpStatusCode.Accepted, firstResponse.StatusCode);
            Assert.Equal(HttpStatusCode.Accepted, secondResponse.StatusCode);
            var offered = stored.GetProperty("offeredAt").GetString();
            Assert.Equal(offered, firstBody.GetProperty("recipients")[0].GetProperty("offeredAt").GetString());
            Assert.Equal(offered, secondBody.GetProperty("recipients")[0].GetProperty("offeredAt").GetString());
        }
    }

    [Fact]
    public async Task ATimerActingOnAnOlderReading_LeavesAnAcknowledgedRecipientDelivered()
    {
        using var source = await BrokerClient.IssueAsync(_portal, Health);
        using var recipient = await BrokerClient.IssueAsync(_portal, Science);
        var id = await ReceivingAsync(source, recipient);
        await recipient.SendAsync(HttpMethod.Post, $"/api/v1/exchanges/{id}/ack", new { sha256 = Sha });

        // What the delivery timers do with an exchange they read as unfinished just before the acknowledgement.
        await using var scope = _portal.Services.CreateAsyncScope();
        var (after, finished) = await scope.ServiceProvider.GetRequiredService<ExchangeService>().FinishAsync(
            id,
            Science,
            EventTypes.Expired,
            r =>
            {
                r.Status = RecipientStatus.Expired;
                return true;
            },
            CancellationToken.None);

        Assert.False(finished);
        Assert.Equal(RecipientStatus.Delivered, after.RecipientOf(Science)!.Status);
        Assert.Equal("Delivered", (await RecipientRecordAsync(source, id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task AcknowledgingDuringItsOwnDownload_EndsTheDownload_WithoutAServerError()
    {
        using var source = await BrokerClient.IssueAsync(_portal, Health);
        using var recipient = await BrokerClient.IssueAsync(_portal, Science);
        var content = RandomNumberGenerator.GetBytes(8 * 1024 * 1024);
        var sha = Convert.ToHexStringLower(SHA256.HashData(content));
        var (_, exchange) = await source.SendAsync(HttpMethod.Post, "/api/v1/exchanges",
            new { to = new[] { Science }, title = "Hồ sơ lớn", dataType = "binary" });
        var id = exchange.GetProperty("id").GetString()!;
        await source.Http.PutAsync($"/api/v1/exchanges/{id}/content", new ByteArrayContent(content));
        await source.SendAsync(HttpMethod.Post, $"/api/v1/exchanges/{id}/submit");
        var (_, ready) = await recipient.SendAsync(HttpMethod.Post, $"/api/v1/exchanges/{id}/ready");

        using var download = await recipient.Http.GetAsync(
            ready.GetProperty("downloadUrl").GetString(),
            HttpCompletionOption.ResponseHeadersRead);
        var body = await download.Content.ReadAsStreamAsync();
        var received = await body.ReadAtLeastAsync(new byte[64 * 1024], 64 * 1024);
        var (acked, _) = await recipient.SendAsync(
            HttpMethod.Post, $"/api/v1/exchanges/{id}/ack", new { sha256 = sha });
        try
        {
            var buffer = new byte[256 * 1024];
            int read;
            while ((read = await body.ReadAsync(buffer)) > 0)
            {
                received += read;
            }
        }
        catch (IOException)
        {
            // The broker closed the connection when the content it was sending was erased; an error it logged
            // would have been logged before the connection closed.
        }

        Assert.Equal(HttpStatusCode.OK, acked.StatusCode);
        Assert.True(received < content.Length, $"received {received} of {content.Length} bytes");
        Assert.Empty(_portal.Errors);
    }

    /// <summary>An exchange from the source to the recipient, which has said it is ready.</summary>
    private static async Task<string> ReceivingAsync(BrokerClient source, BrokerClient recipient)
    {
        var (_, exchange) = await source.SendAsync(HttpMethod.Post, "/api/v1/exchanges",
            new { to = new[] { recipient.AgencyId }, title = "Công văn", dataType = "binary" });
        var id = exchange.GetProperty("id").GetString()!;
        var upload = await source.Http.PutAsync($"/api/v1/exchanges/{id}/content", new ByteArrayContent(Content));
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        var (submitted, _) = await source.SendAsync(HttpMethod.Post, $"/api/v1/exchanges/{id}/submit");
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var (ready, _) = await recipient.SendAsync(HttpMethod.Post, $"/api/v1/exchanges/{id}/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        return id;
    }

    private static async Task<System.Text.Json.JsonElement> RecipientRecordAsync(BrokerClient source, string id)
    {
        var (_, status) = await source.SendAsync(HttpMethod.Get, $"/api/v1/exchanges/{id}");
        return status.GetProperty("recipients")[0];
    }
}
