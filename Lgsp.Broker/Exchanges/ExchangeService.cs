using System.Security.Cryptography;
using System.Text;
using System.Xml;
using Lgsp.Broker.Applications;
using Lgsp.Broker.Directory;
using Lgsp.Broker.Events;
using Lgsp.Broker.Hosting;
using Lgsp.Broker.Http;
using Lgsp.Directory;
using Microsoft.Extensions.Options;

namespace Lgsp.Broker.Exchanges;

/// <summary>
/// The exchange flows of Điều 9 and 10: allocate, upload, policy, submit, offer, ready, download, acknowledge or
/// reject. Each method checks who is asking: the source application's agency for sending steps, a recipient
/// agency for receiving steps; anyone else is told the exchange does not exist.
/// </summary>
public sealed class ExchangeService(
    ExchangeStore store,
    IAgencyLookup directory,
    EventHub events,
    ContentPreparation preparation,
    IOptions<BrokerOptions> options,
    TimeProvider time)
{
    private const int MaxRoutingHops = 5;

    /// <summary>Allocates a space for a package (spec, <c>POST /api/v1/exchanges</c>).</summary>
    public async Task<CreatedExchange> CreateAsync(
        RegisteredApplication caller,
        CreateExchangeRequest request,
        string? idempotencyKey,
        CancellationToken cancellationToken)
    {
        var fingerprint = Fingerprint(request);
        if (!string.IsNullOrWhiteSpace(idempotencyKey))
        {
            var existing = await store.FindByIdempotencyKeyAsync(
                caller.AccessKeyId,
                idempotencyKey.Trim(),
                cancellationToken);
            if (existing is not null)
            {
                return existing.RequestFingerprint == fingerprint
                    ? Created(existing)
                    : throw new BrokerException(422, "IdempotencyKeyReused",
                        "This Idempotency-Key was used for a different request.");
            }
        }

        var title = VietnameseText.Normalize(request.Title);
        var dataType = (request.DataType ?? "").Trim().ToLowerInvariant();
        Require(title.Length is > 0 and <= 500, "InvalidRequest", "title is required (at most 500 characters).");
        Require(
            DataTypes.IsKnown(dataType),
            "InvalidRequest",
            $"dataType must be one of {string.Join(", ", DataTypes.All)}.");
        Require((request.Protocol ?? "https").Equals("https", StringComparison.OrdinalIgnoreCase),
            "InvalidRequest", "protocol must be https.");
        var priority = ParsePriority(request.Priority);
        Require(
            request.Sha256 is null || IsSha256(request.Sha256),
            "InvalidRequest",
            "sha256 must be 64 hexadecimal digits.");
        Require(request.Size is null or >= 0, "InvalidRequest", "size must not be negative.");
        var maxBytes = options.Value.MaxContentBytes;
        if (request.Size > maxBytes)
        {
            throw new BrokerException(413, "ContentTooLarge", $"Content may be at most {maxBytes} bytes.");
        }

        var recipients = await RouteAsync(request.To ?? [], cancellationToken);
        var now = Now();
        var exchange = new Exchange
        {
            Id = NewId(),
            SourceKeyId = caller.AccessKeyId,
            SourceAgencyId = caller.AgencyId,
            Title = title,
            Priority = priority,
            DataType = dataType,
            ContentType = string.IsNullOrWhiteSpace(request.ContentType) ? null : request.ContentType.Trim(),
            DeclaredSize = request.Size,
            DeclaredSha256 = request.Sha256?.ToLowerInvariant(),
            IdempotencyKey = string.IsNullOrWhiteSpace(idempotencyKey) ? null : idempotencyKey.Trim(),
            RequestFingerprint = fingerprint,
            MaxBytes = maxBytes,
            CreatedUtc = now,
            ExpiresUtc = now + options.Value.AllocationLifetime,
            Recipients = recipients
                .Select(r => new Recipient { AgencyId = r.AgencyId, RoutedFrom = r.Routed ? r.Requested : null })
                .ToList(),
        };

        // Crash point: before this insert nothing exists; after it the allocation is durable and a retry with
        // the same Idempotency-Key finds it instead of allocating twice.
        await store.InsertAsync(exchange, cancellationToken);
        return Created(exchange);
    }

    /// <summary>Stores the package's content, streamed (spec, <c>PUT {uploadUrl}</c>).</summary>
    /// <param name="signedSha256">
    /// The content hash the request's signature covers, when the client sent it in a header instead of letting
    /// the broker hash the body first: the bytes that arrive must match it.
    /// </param>
    public async Task<(string Sha256, long Size)> UploadAsync(
        RegisteredApplication caller,
        string id,
        Stream body,
        string? signedSha256,
        CancellationToken cancellationToken)
    {
        await SourceExchangeAsync(caller, id, cancellationToken);
        using var claim = store.TryClaimContent(id) ?? throw new BrokerException(
            409,
            "ContentAlreadyUploaded",
            "Another upload of this exchange's content is still running; nothing of this one was kept.");
        // Read under the claim: an upload that ended a moment ago has recorded itself by now.
        var exchange = (await store.FindAsync(id, cancellationToken))!;
        if (exchange.UploadedUtc is not null)
        {
            throw new BrokerException(
                409,
                "ContentAlreadyUploaded",
                "The content of this exchange was already uploaded.");
        }

        CheckNotExpired(exchange);
        var written = await store.WriteContentAsync(id, body, exchange.MaxBytes, cancellationToken)
            ?? throw new BrokerException(413, "ContentTooLarge", $"Content may be at most {exchange.MaxBytes} bytes.");
        if ((exchange.DeclaredSha256 is { } declared && declared != written.Sha256)
            || (exchange.DeclaredSize is { } size && size != written.Size)
            || (signedSha256 is not null && !signedSha256.Equals(written.Sha256, StringComparison.OrdinalIgnoreCase)))
        {
            await store.DiscardContentAsync(exchange, CancellationToken.None);
            throw new BrokerException(422, "ContentHashMismatch",
                "The uploaded content differs from its declared sha256 or size; nothing was kept.");
        }

        if (exchange.DataType == "edxml")
        {
            await preparation.CheckEdxmlAsync(exchange, written.Size);
        }

        // Crash point: content is written; until this update commits the exchange still says Allocated, and a
        // retried upload replaces the orphaned content instead of being refused.
        await store.UpdateAsync(id, e =>
        {
            e.UploadedUtc = Now();
            e.Sha256 = written.Sha256;
            e.Size = written.Size;
            e.Recipients.ForEach(r => r.Status = RecipientStatus.Uploaded);
        }, cancellationToken);
        return written;
    }

    /// <summary>Sets the delivery policy before submission (spec, <c>PUT {policyUrl}</c>).</summary>
    public async Task<DeliveryPolicy> SetPolicyAsync(
        RegisteredApplication caller,
        string id,
        PolicyRequest request,
        CancellationToken cancellationToken)
    {
        var exchange = await SourceExchangeAsync(caller, id, cancellationToken);
        if (exchange.SubmittedUtc is not null)
        {
            throw new BrokerException(409, "AlreadySubmitted", "The policy cannot change after submission.");
        }

        var policy = new DeliveryPolicy
        {
            DeliverByUtc = request.DeliverBy?.ToUniversalTime(),
            UndeliverableAfter = Duration(request.UndeliverableAfter, "undeliverableAfter") ?? TimeSpan.FromDays(1),
            ExpiresAfter = Duration(request.ExpiresAfter, "expiresAfter"),
            Notify = (request.Notify ?? ["delivered", "rejected", "undeliverable"])
                .Select(n => n.Trim().ToLowerInvariant())
                .ToList(),
        };
        var unknown = policy.Notify.Except(["delivered", "rejected", "undeliverable", "expired"]).ToList();
        Require(
            unknown.Count == 0,
            "InvalidRequest",
            $"notify may hold delivered, rejected, undeliverable, expired; not {string.Join(", ", unknown)}.");
        await store.UpdateAsync(id, e => e.Policy = policy, cancellationToken);
        return policy;
    }

    /// <summary>Verifies the stored content and offers it to every recipient (spec, <c>POST …/submit</c>).</summary>
    public async Task<Exchange> SubmitAsync(
        RegisteredApplication caller,
        string id,
        CancellationToken cancellationToken)
    {
        await SourceExchangeAsync(caller, id, cancellationToken);
        // One submission at a time, and none during an upload: the converted copies are written under the claim.
        using var claim = await store.ClaimContentAsync(id, cancellationToken);
        var exchange = (await store.FindAsync(id, cancellationToken))!;
        if (exchange.SubmittedUtc is not null)
        {
            return exchange;
        }

        if (exchange.UploadedUtc is null)
        {
            throw new BrokerException(409, "ContentNotUploaded", "Upload the content before submitting.");
        }

        CheckNotExpired(exchange);
        var intact = await store.HashStoredContentAsync(id, cancellationToken) == exchange.Sha256;
        var conversions = intact ? await preparation.ConvertForRecipientsAsync(exchange, cancellationToken) : [];
        var now = Now();
        var (submitted, offered) = await store.UpdateIfAsync(id, e =>
        {
            if (e.SubmittedUtc is not null || e.ContentErasedUtc is not null)
            {
                // Expired while its content was checked: the timers have finished it.
                return false;
            }

            e.SubmittedUtc = now;
            if (e.Policy.ExpiresAfter is { } lifetime)
            {
                e.ExpiresUtc = now + lifetime;
            }

            if (!intact)
            {
                // Every recipient fails: the content goes in this same update, as when recipients finish.
                e.ContentErasedUtc = now;
            }

            foreach (var recipient in e.Recipients)
            {
                recipient.Status = intact ? RecipientStatus.Offered : RecipientStatus.Failed;
                recipient.OfferedUtc = intact ? now : null;
                if (conversions.TryGetValue(recipient.AgencyId, out var converted))
                {
                    (recipient.ConvertedTo, recipient.ConvertedSha256, recipient.ConvertedSize) = converted;
                }
            }

            return true;
        }, cancellationToken);
        if (!offered && submitted.ContentErasedUtc is not null)
        {
            // Expired while its content was checked: copies made meanwhile go with the content the timers erased.
            await store.DiscardContentAsync(submitted, CancellationToken.None);
        }

        if (!offered || !intact)
        {
            return submitted;
        }

        // Crash point: the offers are committed before anyone is told; a stream that opens later replays them
        // from the inbox, so a crash here loses no offer.
        submitted.Recipients.ForEach(r => events.Offered(r.AgencyId, id));
        return submitted;
    }

    /// <summary>An exchange by id, for the broker's own timers.</summary>
    public Exchange Find(string id) => store.Find(id) ?? throw BrokerException.NotFound();

    /// <summary>The exchange as its source or a recipient may see it; 404 for anyone else.</summary>
    public async Task<Exchange> GetAsync(RegisteredApplication caller, string id, CancellationToken cancellationToken)
    {
        var exchange = await store.FindAsync(id, cancellationToken);
        return exchange is not null
            && (exchange.SourceAgencyId == caller.AgencyId || exchange.RecipientOf(caller.AgencyId) is not null)
            ? exchange
            : throw BrokerException.NotFound();
    }

    /// <summary>What waits for the caller's agency, by priority then age (spec, <c>GET /api/v1/inbox</c>).</summary>
    public IReadOnlyList<(Exchange Exchange, Recipient Recipient)> Inbox(RegisteredApplication caller, string? status)
    {
        var wanted = ParseStatus(status ?? nameof(RecipientStatus.Offered));
        return store.ForRecipient(caller.AgencyId, waitingOnly: !Recipient.IsFinalStatus(wanted))
            .Select(e => (Exchange: e, Recipient: e.RecipientOf(caller.AgencyId)!))
            .Where(x => x.Recipient.Status == wanted)
            .OrderByDescending(x => x.Exchange.Priority)
            .ThenBy(x => x.Exchange.SubmittedUtc)
            .ThenBy(x => x.Exchange.Id, StringComparer.Ordinal)
            .Take(500)
            .ToList();
    }

    /// <summary>The recipient says it is ready; it gets where to download (spec, <c>POST …/ready</c>).</summary>
    public async Task<Exchange> ReadyAsync(RegisteredApplication caller, string id, CancellationToken cancellationToken)
    {
        var (exchange, _) = await RecipientExchangeAsync(caller, id, cancellationToken);
        CheckNotExpired(exchange);
        // The status is checked under the exchange's lock only: an acknowledgement or rejection running at the
        // same time must not be undone.
        return await store.UpdateAsync(id, e =>
        {
            var r = e.RecipientOf(caller.AgencyId)!;
            if (r.Status is not (RecipientStatus.Offered or RecipientStatus.Receiving))
            {
                throw new BrokerException(409, "NotOffered", $"This exchange is {r.Status} for your agency.");
            }

            r.Status = RecipientStatus.Receiving;
            r.ReceivingUtc ??= Now();
        }, cancellationToken);
    }

    /// <summary>The content for a recipient that said it is ready.</summary>
    public async Task<(Exchange Exchange, Stream Content)> OpenContentAsync(
        RegisteredApplication caller,
        string id,
        CancellationToken cancellationToken)
    {
        var (exchange, recipient) = await RecipientExchangeAsync(caller, id, cancellationToken);
        if (recipient.Status != RecipientStatus.Receiving)
        {
            throw new BrokerException(409, "NotReady", "Call ready before downloading.");
        }

        var content = await store.OpenContentAsync(
                id,
                recipient.ConvertedTo is null ? null : recipient.AgencyId,
                cancellationToken)
            ?? throw new BrokerException(410, "ContentGone", "The content is no longer kept.");
        return (exchange, content);
    }

    /// <summary>Records delivery when the recipient's hash matches (spec, <c>POST …/ack</c>).</summary>
    public async Task<Exchange> AcknowledgeAsync(
        RegisteredApplication caller,
        string id,
        string? sha256,
        CancellationToken cancellationToken)
    {
        var (exchange, recipient) = await RecipientExchangeAsync(caller, id, cancellationToken);
        if (!string.Equals(
            sha256?.Trim(),
            recipient.ConvertedSha256 ?? exchange.Sha256,
            StringComparison.OrdinalIgnoreCase))
        {
            throw new BrokerException(422, "ContentHashMismatch",
                "The acknowledged sha256 is not the content's; nothing was marked delivered.");
        }

        // The status is checked under the exchange's lock only (see FinishAsync); acknowledging again is answered
        // with the exchange as it is.
        var (acknowledged, finished) = await FinishAsync(id, caller.AgencyId, EventTypes.Delivered, r =>
        {
            if (r.Status != RecipientStatus.Receiving)
            {
                return false;
            }

            r.Status = RecipientStatus.Delivered;
            r.DeliveredUtc = Now();
            return true;
        }, cancellationToken);
        var now = acknowledged.RecipientOf(caller.AgencyId)!.Status;
        return finished || now == RecipientStatus.Delivered
            ? acknowledged
            : throw new BrokerException(409, "NotReady", $"This exchange is {now} for your agency.");
    }

    /// <summary>The recipient refuses the package (spec, <c>POST …/reject</c>).</summary>
    public async Task<Exchange> RejectAsync(
        RegisteredApplication caller,
        string id,
        string? reason,
        CancellationToken cancellationToken)
    {
        await RecipientExchangeAsync(caller, id, cancellationToken);
        var text = VietnameseText.Normalize(reason);
        Require(text.Length is > 0 and <= 2000, "InvalidRequest", "reason is required (at most 2000 characters).");
        var (rejected, finished) = await FinishAsync(id, caller.AgencyId, EventTypes.Rejected, r =>
        {
            r.Status = RecipientStatus.Rejected;
            r.RejectedUtc = Now();
            r.RejectionReason = text;
            return true;
        }, cancellationToken);
        return finished
            ? rejected
            : throw new BrokerException(
                409,
                "AlreadyFinal",
                $"This exchange is already {rejected.RecipientOf(caller.AgencyId)!.Status} for your agency.");
    }

    /// <summary>The exchange's overall status: Delivered when every recipient is, else the least advanced.</summary>
    public static RecipientStatus OverallStatus(Exchange exchange) =>
        exchange.Recipients.All(r => r.Status == RecipientStatus.Delivered)
            ? RecipientStatus.Delivered
            : exchange.Recipients.Where(r => r.Status != RecipientStatus.Delivered).Min(r => r.Status);

    /// <summary>
    /// Moves one recipient to a final status, tells the source when its policy asks, and erases the content once
    /// every recipient is final (in the same transaction). Used by acknowledgement, rejection and the timers.
    /// </summary>
    /// <param name="finish">
    /// Applies the final status to the recipient as it is under the exchange's lock, or returns false when the
    /// step no longer applies. A recipient already final is left as it is: whichever step came first stands.
    /// </param>
    /// <returns>The exchange as recorded, and whether this call finished the recipient.</returns>
    public async Task<(Exchange Exchange, bool Finished)> FinishAsync(
        string id,
        string agencyId,
        string eventType,
        Func<Recipient, bool> finish,
        CancellationToken cancellationToken)
    {
        var (updated, finished) = await store.UpdateIfAsync(id, e =>
        {
            var now = Now();
            var recipient = e.RecipientOf(agencyId)!;
            if (recipient.IsFinal || !finish(recipient))
            {
                return false;
            }

            recipient.FinishedUtc ??= now;
            if (e.Recipients.All(r => r.IsFinal))
            {
                e.ContentErasedUtc ??= now;
            }

            return true;
        }, cancellationToken);
        if (finished && updated.Policy.Notify.Contains(eventType["exchange.".Length..]))
        {
            await events.NotifyAsync(updated.SourceKeyId, eventType, id, agencyId, CancellationToken.None);
        }

        return (updated, finished);
    }

    /// <summary>Erases the content of an exchange whose recipients are all final (Điều 5.3).</summary>
    public async Task<Exchange> EraseIfFinishedAsync(Exchange exchange, CancellationToken cancellationToken)
    {
        if (!exchange.Recipients.All(r => r.IsFinal) || exchange.ContentErasedUtc is not null)
        {
            return exchange;
        }

        // Finishing erases in the same transaction; this is for exchanges finished before that was so, or by a
        // path that does not finish recipients one by one.
        return await store.EraseContentAsync(exchange.Id, Now(), cancellationToken);
    }

    private async Task<Exchange> SourceExchangeAsync(
        RegisteredApplication caller,
        string id,
        CancellationToken cancellationToken)
    {
        var exchange = await store.FindAsync(id, cancellationToken);
        return exchange is not null && exchange.SourceAgencyId == caller.AgencyId
            ? exchange
            : throw BrokerException.NotFound();
    }

    private async Task<(Exchange Exchange, Recipient Recipient)> RecipientExchangeAsync(
        RegisteredApplication caller,
        string id,
        CancellationToken cancellationToken)
    {
        var exchange = await store.FindAsync(id, cancellationToken);
        var recipient = exchange?.RecipientOf(caller.AgencyId);
        return recipient is not null && exchange!.SubmittedUtc is not null
            ? (exchange, recipient)
            : throw BrokerException.NotFound();
    }

    /// <summary>
    /// The time now to the millisecond, as LiteDB keeps it: a step's answer then shows the same times as every later
    /// read of the exchange.
    /// </summary>
    private DateTime Now()
    {
        var now = time.GetUtcNow().UtcDateTime;
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
    }

    private void CheckNotExpired(Exchange exchange)
    {
        if (Now() > exchange.ExpiresUtc)
        {
            throw new BrokerException(410, "ExchangeExpired", "This exchange has expired.");
        }
    }

    private async Task<List<RoutedRecipient>> RouteAsync(IReadOnlyList<string> to, CancellationToken cancellationToken)
    {
        Require(to.Count is > 0 and <= 100, "InvalidRequest", "to must name 1 to 100 agencies.");
        var routed = new List<RoutedRecipient>();
        foreach (var requested in to.Select(t => (t ?? "").Trim()).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var agency = await ActiveSuccessorAsync(requested, cancellationToken);
            if (agency is null)
            {
                var suggestions = await directory.SearchAsync(requested, 5, cancellationToken);
                throw new BrokerException(
                    422,
                    "UnknownDestination",
                    $"No agency in operation answers to \"{requested}\".",
                    new Dictionary<string, object?>
                    {
                        ["destination"] = requested,
                        ["suggestions"] = suggestions.Select(s => new { id = s.Id.Value, name = s.Name }).ToList(),
                    });
            }

            if (routed.Any(r => r.AgencyId == agency.Id.Value))
            {
                continue;
            }

            routed.Add(new RoutedRecipient(
                requested,
                agency.Id.Value,
                agency.Id.Value != requested.ToUpperInvariant()));
        }

        return routed;
    }

    private async Task<Agency?> ActiveSuccessorAsync(string id, CancellationToken cancellationToken)
    {
        var agency = await directory.FindAsync(id, cancellationToken);
        for (var hop = 0; agency is not null && agency.Status != AgencyStatus.Active; hop++)
        {
            if (hop == MaxRoutingHops || agency.SuccessorIds.Count == 0)
            {
                return null;
            }

            agency = await directory.FindAsync(agency.SuccessorIds[0], cancellationToken);
        }

        return agency;
    }

    private static CreatedExchange Created(Exchange e) => new(
        e.Id,
        $"/api/v1/exchanges/{e.Id}/content",
        $"/api/v1/exchanges/{e.Id}/policy",
        e.ExpiresUtc,
        e.MaxBytes,
        e.Recipients
            .Select(r => new RoutedRecipient(r.RoutedFrom ?? r.AgencyId, r.AgencyId, r.RoutedFrom is not null))
            .ToList());

    private static Priority ParsePriority(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Priority.Normal;
        }

        return Enum.TryParse<Priority>(text.Trim(), ignoreCase: true, out var p)
            && Enum.IsDefined(p) && !char.IsDigit(text.Trim()[0])
            ? p
            : throw new BrokerException(400, "InvalidRequest", "priority must be low, normal, high or urgent.");
    }

    private static RecipientStatus ParseStatus(string text) =>
        Enum.TryParse<RecipientStatus>(text.Trim(), ignoreCase: true, out var s)
            && Enum.IsDefined(s) && !char.IsDigit(text.Trim()[0])
            ? s
            : throw new BrokerException(
                400,
                "InvalidRequest",
                $"status must be one of {string.Join(", ", Enum.GetNames<RecipientStatus>())}.");

    private static TimeSpan? Duration(string? text, string name)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            var value = XmlConvert.ToTimeSpan(text.Trim());
            return value > TimeSpan.Zero ? value : throw new FormatException();
        }
        catch (FormatException)
        {
            throw new BrokerException(
                400,
                "InvalidRequest",
                $"{name} must be a positive ISO 8601 duration such as P1D or PT2H.");
        }
    }

    private static bool IsSha256(string text) => text.Length == 64 && text.All(char.IsAsciiHexDigit);

    private static void Require(bool condition, string code, string detail)
    {
        if (!condition)
        {
            throw new BrokerException(400, code, detail);
        }
    }

    private static string Fingerprint(CreateExchangeRequest request) =>
        Convert.ToHexStringLower(
            SHA256.HashData(Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(request))));

    private static string NewId() => "ex_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
}
