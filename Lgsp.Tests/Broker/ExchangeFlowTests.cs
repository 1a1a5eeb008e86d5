using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Lgsp.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Tests.Broker;

/// <summary>The whole exchange flow between applications of different agencies, over real HTTP.</summary>
[Collection(WebCollection.Name)]
public sealed class ExchangeFlowTests : IDisposable
{
    private const string Health = "000.00.15.H06";
    private const string Science = "000.00.14.H06";
    private const string ItCentre = "000.01.11.H06";
    private const string RetiredInformation = "000.00.11.H06";

    private readonly PortalFactory _portal = new(kestrel: true);

    public void Dispose() => _portal.Dispose();

    [Fact]
    public async Task Exchange_ToTwoAgencies_IsDeliveredToOne_RejectedByTheOther_AndItsContentErased()
    {
        using var source = await BrokerClient.IssueAsync(_portal, Health);
        using var science = await BrokerClient.IssueAsync(_portal, Science);
        using var itCentre = await BrokerClient.IssueAsync(_portal, ItCentre);
        var marker = "NOI-DUNG-" + Guid.NewGuid().ToString("N");
        var content = Encoding.UTF8.GetBytes($"{{\"baoCao\":\"{marker}\",\"ghiChu\":\"Sở Y tế gửi\"}}");
        var sha = Convert.ToHexStringLower(SHA256.HashData(content));

        var (created, exchange) = await source.SendAsync(HttpMethod.Post, "/api/v1/exchanges",
            new
            {
                to = new[] { RetiredInformation, ItCentre },
                title = "Báo cáo tháng 11",
                priority = "high",
                dataType = "json",
            });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = exchange.GetProperty("id").GetString()!;
        Assert.Equal(Science, exchange.GetProperty("recipients")[0].GetProperty("agencyId").GetString());
        Assert.True(exchange.GetProperty("recipients")[0].GetProperty("routed").GetBoolean());

        var upload = await source.Http.PutAsync(
            exchange.GetProperty("uploadUrl").GetString(),
            new ByteArrayContent(content));
        var again = await source.Http.PutAsync(
            exchange.GetProperty("uploadUrl").GetString(),
            new ByteArrayContent(content));
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        var (submitted, _) = await source.SendAsync(HttpMethod.Post, $"/api/v1/exchanges/{id}/submit");
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);

        var (_, inbox) = await science.SendAsync(HttpMethod.Get, "/api/v1/inbox");
        Assert.Equal(id, inbox[0].GetProperty("id").GetString());
        var (_, ready) = await science.SendAsync(HttpMethod.Post, $"/api/v1/exchanges/{id}/ready");
        var download = ready.GetProperty("downloadUrl").GetString()!;

        using var partial = new HttpRequestMessage(HttpMethod.Get, download);
        partial.Headers.Range = new RangeHeaderValue(0, 9);
        var firstBytes = await science.Http.SendAsync(partial);
        Assert.Equal(HttpStatusCode.PartialContent, firstBytes.StatusCode);
        Assert.Equal(content[..10], await firstBytes.Content.ReadAsByteArrayAsync());
        var whole = await science.Http.GetAsync(download);
        Assert.Equal(content, await whole.Content.ReadAsByteArrayAsync());
        Assert.Equal($"\"{sha}\"", whole.Headers.ETag!.Tag);

        var (wrongAck, wrongBody) = await science.SendAsync(
            HttpMethod.Post,
            $"/api/v1/exchanges/{id}/ack",
            new { sha256 = new string('0', 64) });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrongAck.StatusCode);
        Assert.Equal("ContentHashMismatch", wrongBody.GetProperty("code").GetString());
        var (ack, _) = await science.SendAsync(HttpMethod.Post, $"/api/v1/exchanges/{id}/ack", new { sha256 = sha });
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);

        var (rejected, afterReject) = await itCentre.SendAsync(HttpMethod.Post, $"/api/v1/exchanges/{id}/reject",
            new { reason = "Không thuộc thẩm quyền" });
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        Assert.True(afterReject.GetProperty("contentErased").GetBoolean());

        var (_, status) = await source.SendAsync(HttpMethod.Get, $"/api/v1/exchanges/{id}");
        var statuses = status.GetProperty("recipients").EnumerateArray()
            .Select(r => r.GetProperty("status").GetString());
        Assert.Equal(["Delivered", "Rejected"], statuses);
        Assert.Equal(sha, status.GetProperty("sha256").GetString());
        await WaitUntilAsync(async () => !(await ReadBrokerFilesAsync()).Contains(marker, StringComparison.Ordinal));
        Assert.DoesNotContain(marker, await ReadBrokerFilesAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContentChangedInStorage_FailsAtSubmission_AndIsErasedWithTheRecord()
    {
        using var source = await BrokerClient.IssueAsync(_portal, Health);
        var (_, exchange) = await source.SendAsync(HttpMethod.Post, "/api/v1/exchanges",
            new { to = new[] { Science }, title = "Hỏng", dataType = "binary" });
        var id = exchange.GetProperty("id").GetString()!;
        await source.Http.PutAsync($"/api/v1/exchanges/{id}/content", new ByteArrayContent(new byte[1_000]));
        // What a damaged disk would do between upload and submission.
        _portal.Services.GetRequiredService<Lgsp.Broker.Storage.BrokerStore>().Database.GetCollection("_chunks")
            .Update(new LiteDB.BsonDocument
            {
                ["_id"] = new LiteDB.BsonDocument { ["f"] = $"content/{id}", ["n"] = 0 },
                ["data"] = Enumerable.Repeat((byte)1, 1_000).ToArray(),
            });

        var (submitted, body) = await source.SendAsync(HttpMethod.Post, $"/api/v1/exchanges/{id}/submit");

        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        Assert.Equal("Failed", body.GetProperty("recipients")[0].GetProperty("status").GetString());
        Assert.True(body.GetProperty("contentErased").GetBoolean());
    }

    [Fact]
    public async Task AnotherAgency_ReadingAnExchange_GetsNotFound()
    {
        using var source = await BrokerClient.IssueAsync(_portal, Health);
        using var stranger = await BrokerClient.IssueAsync(_portal, ItCentre);
        var (_, exchange) = await source.SendAsync(HttpMethod.Post, "/api/v1/exchanges",
            new { to = new[] { Science }, title = "Riêng", dataType = "pdf" });
        var id = exchange.GetProperty("id").GetString()!;

        var (read, body) = await stranger.SendAsync(HttpMethod.Get, $"/api/v1/exchanges/{id}");
        var (upload, _) = await stranger.SendAsync(HttpMethod.Put, $"/api/v1/exchanges/{id}/content", new { x = 1 });

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal("NotFound", body.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, upload.StatusCode);
    }

    [Fact]
    public async Task UnknownDestination_IsRefusedWithSuggestions()
    {
        using var source = await BrokerClient.IssueAsync(_portal, Health);

        var (response, body) = await source.SendAsync(HttpMethod.Post, "/api/v1/exchanges",
            new { to = new[] { "000.00.99.H06" }, title = "Thử", dataType = "json" });
        var (byName, named) = await source.SendAsync(HttpMethod.Post, "/api/v1/exchanges",
            new { to = new[] { "so y te" }, title = "Thử", dataType = "json" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("UnknownDestination", body.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, byName.StatusCode);
        Assert.Equal(Health, named.GetProperty("suggestions")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task IdempotencyKey_RetriedCreation_ReturnsTheSameExchange()
    {
        using var source = await BrokerClient.IssueAsync(_portal, Health);
        var body = new { to = new[] { Science }, title = "Một lần", dataType = "xml" };

        async Task<(HttpStatusCode, string?)> CreateAsync(object json)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/exchanges")
            {
                Content = System.Net.Http.Json.JsonContent.Create(json),
            };
            request.Headers.Add("Idempotency-Key", "bao-cao-11");
            var response = await source.Http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            return (
                response.StatusCode,
                System.Text.Json.JsonDocument.Parse(text).RootElement.TryGetProperty("id", out var id)
                    ? id.GetString()
                    : null);
        }

        var first = await CreateAsync(body);
        var second = await CreateAsync(body);
        var reused = await CreateAsync(new { to = new[] { Science }, title = "Khác", dataType = "xml" });

        Assert.Equal(HttpStatusCode.Created, first.Item1);
        Assert.Equal(first.Item2, second.Item2);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.Item1);
    }

    [Fact]
    public async Task Upload_DifferentFromTheDeclaredHash_IsRefusedAndKeepsNothing()
    {
        using var source = await BrokerClient.IssueAsync(_portal, Health);
        var (_, exchange) = await source.SendAsync(HttpMethod.Post, "/api/v1/exchanges",
            new { to = new[] { Science }, title = "Có băm", dataType = "binary", sha256 = new string('a', 64) });
        var id = exchange.GetProperty("id").GetString()!;

        var upload = await source.Http.PutAsync($"/api/v1/exchanges/{id}/content", new ByteArrayContent([1, 2, 3]));
        var (submit, submitBody) = await source.SendAsync(HttpMethod.Post, $"/api/v1/exchanges/{id}/submit");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, upload.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, submit.StatusCode);
        Assert.Equal("ContentNotUploaded", submitBody.GetProperty("code").GetString());
    }

    [Fact]
    public async Task StreamedUpload_WhoseBytesDifferFromTheSignedHash_IsRefusedAndCanBeRetried()
    {
        using var source = await BrokerClient.IssueAsync(_portal, Health);
        var (_, exchange) = await source.SendAsync(HttpMethod.Post, "/api/v1/exchanges",
            new { to = new[] { Science }, title = "Băm khai báo", dataType = "binary" });
        var id = exchange.GetProperty("id").GetString()!;
        byte[] real = [1, 2, 3, 4];

        using var lying = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/exchanges/{id}/content")
        {
            Content = new ByteArrayContent([9, 9, 9]),
        };
        lying.Headers.Add("X-Lgsp-Content-Sha256", Convert.ToHexStringLower(SHA256.HashData(real)));
        var refused = await source.Http.SendAsync(lying);
        var retried = await source.Http.PutAsync($"/api/v1/exchanges/{id}/content", new ByteArrayContent(real));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
    }

    [Fact]
    public async Task TwoUploadsAtOnce_TheSecondIsRefused_AndTheFirstIsKeptWhole()
    {
        using var source = await BrokerClient.IssueAsync(_portal, Health);
        var (_, exchange) = await source.SendAsync(HttpMethod.Post, "/api/v1/exchanges",
            new { to = new[] { Science }, title = "Hai lần tải", dataType = "binary" });
        var id = exchange.GetProperty("id").GetString()!;
        var first = RandomNumberGenerator.GetBytes(48 * 1024 * 1024);
        var second = RandomNumberGenerator.GetBytes(1000);
        var halfway = new TaskCompletionSource();
        var release = new TaskCompletionSource();

        // Far more than the sockets and Kestrel hold unread (a few MiB): once it is written, the broker is
        // storing the first upload.
        using var slow = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/exchanges/{id}/content")
        {
            Content = new PausingContent(first, 40 * 1024 * 1024, halfway, release.Task),
        };
        slow.Headers.Add("X-Lgsp-Content-Sha256", Convert.ToHexStringLower(SHA256.HashData(first)));
        var slowUpload = source.Http.SendAsync(slow);
        await halfway.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var (meanwhile, meanwhileBody) = await source.SendAsync(
            HttpMethod.Put, $"/api/v1/exchanges/{id}/content", new { x = 1 });
        release.SetResult();
        var firstDone = await slowUpload;
        var again = await source.Http.PutAsync($"/api/v1/exchanges/{id}/content", new ByteArrayContent(second));
        var (_, status) = await source.SendAsync(HttpMethod.Get, $"/api/v1/exchanges/{id}");

        Assert.Equal(HttpStatusCode.Conflict, meanwhile.StatusCode);
        Assert.Equal("ContentAlreadyUploaded", meanwhileBody.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, firstDone.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(first)), status.GetProperty("sha256").GetString());
        Assert.Equal(first.Length, status.GetProperty("size").GetInt64());
    }

    [Fact]
    public async Task ContentLargerThanKestrelsDefaultBodyLimit_IsStored()
    {
        using var source = await BrokerClient.IssueAsync(_portal, Health);
        var (_, exchange) = await source.SendAsync(HttpMethod.Post, "/api/v1/exchanges",
            new { to = new[] { Science }, title = "Tệp lớn", dataType = "binary" });
        var id = exchange.GetProperty("id").GetString()!;
        var content = RandomNumberGenerator.GetBytes(31_000_000);

        using var upload = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/exchanges/{id}/content")
        {
            Content = new ByteArrayContent(content),
        };
        upload.Headers.Add("X-Lgsp-Content-Sha256", Convert.ToHexStringLower(SHA256.HashData(content)));
        var response = await source.Http.SendAsync(upload);
        var (_, status) = await source.SendAsync(HttpMethod.Get, $"/api/v1/exchanges/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(content.Length, status.GetProperty("size").GetInt64());
    }

    [Theory]
    [InlineData("{\"to\": [")]
    [InlineData("hello")]
    [InlineData("{\"to\": \"x\", \"title\": 5}")]
    public async Task ABodyThatIsNotTheJsonAnEndpointTakes_IsAProblem_WithItsCode(string body)
    {
        using var source = await BrokerClient.IssueAsync(_portal, Health);

        var response = await source.Http.PostAsync("/api/v1/exchanges",
            new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("InvalidRequest", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task ABodyThatIsNotJson_IsUnsupportedMediaType_AndAnUnknownPathIsNotFound()
    {
        using var source = await BrokerClient.IssueAsync(_portal, Health);

        var form = await source.Http.PostAsync("/api/v1/exchanges",
            new StringContent("to=000.00.14.H06&title=x", Encoding.UTF8, "application/x-www-form-urlencoded"));
        var unknown = await source.Http.PostAsync("/api/v1/exchangez",
            new StringContent("to=000.00.14.H06", Encoding.UTF8, "application/x-www-form-urlencoded"));
        var untyped = new ByteArrayContent(Encoding.UTF8.GetBytes("{\"to\": [\"000.00.14.H06\"]}"));
        var noType = await source.Http.PostAsync("/api/v1/exchanges", untyped);
        var formProblem = System.Text.Json.JsonDocument.Parse(await form.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
        Assert.Equal("UnsupportedMediaType", formProblem.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, noType.StatusCode);
    }

    [Fact]
    public async Task ABodyThatIsNotValidHttp_IsAnsweredAsAProblem_NotAnEmptyPage()
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(_portal.ServerAddress.Host, _portal.ServerAddress.Port);
        var stream = tcp.GetStream();
        var request = "POST /api/v1/exchanges HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Authorization: LGSP4-HMAC-SHA256 Credential=LGSPX/20261204/bacgiang/broker/lgsp4_request\r\n"
            + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
            + "zz\r\n{}\r\n";
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        var answer = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.StartsWith("HTTP/1.1 400", answer, StringComparison.Ordinal);
        Assert.Contains("application/problem+json", answer, StringComparison.Ordinal);
        Assert.Contains("\"code\":\"InvalidRequest\"", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EdxmlUpload_IsChecked_AndABadPackageListsItsErrors()
    {
        using var source = await BrokerClient.IssueAsync(_portal, Health);
        var (_, exchange) = await source.SendAsync(HttpMethod.Post, "/api/v1/exchanges",
            new { to = new[] { Science }, title = "Công văn điện tử", dataType = "edxml" });
        var id = exchange.GetProperty("id").GetString()!;
        var wrongNamespace = "<edXML xmlns=\"http://example.org/edxml\"><edXMLEnvelope/></edXML>";

        var response = await source.Http.PutAsync($"/api/v1/exchanges/{id}/content",
            new StringContent(wrongNamespace, Encoding.UTF8, "application/xml"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        using var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("InvalidEdxml", problem.RootElement.GetProperty("code").GetString());
        Assert.Contains(
            "namespace",
            problem.RootElement.GetProperty("errors")[0].GetString(),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonToARecipientThatAcceptsOnlyXml_ArrivesAsXml_AndIsAcknowledgedByItsHash()
    {
        await using (var admin = _portal.ScopeActingAs())
        {
            var directory = admin.ServiceProvider.GetRequiredService<Lgsp.Portal.Agencies.AgencyDirectoryService>();
            var science = (await directory.FindAsync(Science, CancellationToken.None))!;
            await directory.SaveAsync(science with { Accepts = ["xml", "pdf"] }, CancellationToken.None);
        }

        using var source = await BrokerClient.IssueAsync(_portal, Health);
        using var destination = await BrokerClient.IssueAsync(_portal, Science);
        var (_, exchange) = await source.SendAsync(HttpMethod.Post, "/api/v1/exchanges",
            new { to = new[] { Science }, title = "Số liệu", dataType = "json" });
        var id = exchange.GetProperty("id").GetString()!;
        var marker = "SO-LIEU-" + Guid.NewGuid().ToString("N");
        await source.Http.PutAsync($"/api/v1/exchanges/{id}/content",
            new StringContent($"{{\"soCa\":12,\"donVi\":\"Sở Y tế\",\"ma\":\"{marker}\"}}", Encoding.UTF8,
                "application/json"));
        await source.SendAsync(HttpMethod.Post, $"/api/v1/exchanges/{id}/submit");

        var (_, ready) = await destination.SendAsync(HttpMethod.Post, $"/api/v1/exchanges/{id}/ready");
        var xml = await destination.Http.GetByteArrayAsync(ready.GetProperty("downloadUrl").GetString());
        var (ack, _) = await destination.SendAsync(HttpMethod.Post, $"/api/v1/exchanges/{id}/ack",
            new { sha256 = Convert.ToHexStringLower(SHA256.HashData(xml)) });

        Assert.Equal("xml", ready.GetProperty("dataType").GetString());
        var document = System.Xml.Linq.XDocument.Parse(Encoding.UTF8.GetString(xml));
        Assert.Equal("Sở Y tế", document.Root!.Element("donVi")!.Value);
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        // The original and the recipient's converted copy both leave the file.
        await WaitUntilAsync(async () => !(await ReadBrokerFilesAsync()).Contains(marker, StringComparison.Ordinal));
        Assert.DoesNotContain(marker, await ReadBrokerFilesAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARecipientRetiredAfterAnExchange_IsRoutedToItsSuccessor_ByTheNextOne()
    {
        using var source = await BrokerClient.IssueAsync(_portal, Health);
        var (_, before) = await source.SendAsync(HttpMethod.Post, "/api/v1/exchanges",
            new { to = new[] { Science }, title = "Trước sáp nhập", dataType = "pdf" });
        await using (var admin = _portal.ScopeActingAs())
        {
            await admin.ServiceProvider.GetRequiredService<Lgsp.Portal.Agencies.AgencyDirectoryService>()
                .RecordSuccessionAsync(
                    new Lgsp.Portal.Agencies.Succession(
                        Science,
                        Lgsp.Directory.AgencyStatus.Merged,
                        [ItCentre],
                        DateOnly.FromDateTime(DateTime.UtcNow)),
                    CancellationToken.None);
        }

        var (_, after) = await source.SendAsync(HttpMethod.Post, "/api/v1/exchanges",
            new { to = new[] { Science }, title = "Sau sáp nhập", dataType = "pdf" });

        Assert.Equal(Science, before.GetProperty("recipients")[0].GetProperty("agencyId").GetString());
        Assert.Equal(ItCentre, after.GetProperty("recipients")[0].GetProperty("agencyId").GetString());
        Assert.True(after.GetProperty("recipients")[0].GetProperty("routed").GetBoolean());
    }

    [Fact]
    public async Task CapturedSignedPost_SentAgain_IsRefusedAsAReplay()
    {
        using var client = await BrokerClient.IssueAsync(_portal, Health);
        using var original = new HttpRequestMessage(HttpMethod.Post, "/api/v1/exchanges")
        {
            Content = System.Net.Http.Json.JsonContent.Create(
                new { to = new[] { Science }, title = "Gửi một lần", dataType = "json" }),
        };
        var first = await client.Http.SendAsync(original);
        using var replay = new HttpRequestMessage(HttpMethod.Post, "/api/v1/exchanges")
        {
            Content = new ByteArrayContent(await original.Content!.ReadAsByteArrayAsync()),
        };
        replay.Content.Headers.ContentType = original.Content.Headers.ContentType;
        foreach (var header in original.Headers)
        {
            replay.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        using var plain = new HttpClient { BaseAddress = _portal.ServerAddress };
        var second = await plain.SendAsync(replay);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
        using var problem = System.Text.Json.JsonDocument.Parse(await second.Content.ReadAsStringAsync());
        Assert.Equal("ReplayedRequest", problem.RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task TwoIdenticalPostsInOneSecond_FromTheSdk_AreBothAccepted()
    {
        var key = await BrokerClient.IssueKeyAsync(_portal, Health);
        using var client = BrokerClient.Create(_portal, Health, key, new FrozenClock(DateTimeOffset.UtcNow));
        var body = new { to = new[] { Science }, title = "Hai gói giống nhau", dataType = "json" };

        var (first, _) = await client.SendAsync(HttpMethod.Post, "/api/v1/exchanges", body);
        var (second, _) = await client.SendAsync(HttpMethod.Post, "/api/v1/exchanges", body);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
    }

    private sealed class FrozenClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 100 && !await condition(); attempt++)
        {
            await Task.Delay(100);
        }
    }

    private async Task<string> ReadBrokerFilesAsync()
    {
        var text = new StringBuilder();
        foreach (var file in System.IO.Directory.GetFiles(_portal.DataDirectory, "broker*.db"))
        {
            await using var stream = new System.IO.FileStream(
                file,
                FileMode.Open,
                FileAccess.Read,
                FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, Encoding.Latin1);
            text.Append(await reader.ReadToEndAsync());
        }

        return text.ToString();
    }

    /// <summary>A body that sends its first bytes, says so, and waits to be let go before the rest.</summary>
    private sealed class PausingContent(byte[] content, int pauseAt, TaskCompletionSource paused, Task resume)
        : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(content.AsMemory(0, pauseAt));
            await stream.FlushAsync();
            paused.TrySetResult();
            await resume;
            await stream.WriteAsync(content.AsMemory(pauseAt));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = content.Length;
            return true;
        }
    }
}
