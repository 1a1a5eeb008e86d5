using LiteDB;

namespace Lgsp.Broker.Exchanges;

/// <summary>Where one recipient of a listed exchange stands.</summary>
public sealed record RecipientListing(string AgencyId, RecipientStatus Status, DateTime? FinishedUtc)
{
    public bool IsFinal => Recipient.IsFinalStatus(Status);
}

/// <summary>
/// What a list of exchanges shows of one (a report's row): no content, no keys, no policy. Read straight from the
/// stored document, it costs less than half of a whole <see cref="Exchange"/>, whose mapping dominates reading a
/// million of them.
/// </summary>
public sealed record ExchangeListing(
    string Id,
    DateTime SubmittedUtc,
    string Title,
    string SourceAgencyId,
    Priority Priority,
    string DataType,
    long Size,
    IReadOnlyList<RecipientListing> Recipients)
{
    /// <summary>When the last recipient finished, once every one has; otherwise null.</summary>
    public DateTime? FinishedUtc => Recipients.All(r => r.IsFinal) ? Recipients.Max(r => r.FinishedUtc) : null;

    /// <summary>
    /// Reads a submitted exchange's listing from its stored document, with the names and forms LiteDB's mapper
    /// gives <see cref="Exchange"/>: the identifier as <c>_id</c>, enumerations as their names, an empty string as
    /// null, and times in UTC whatever the machine's time zone.
    /// </summary>
    internal static ExchangeListing FromDocument(BsonDocument document)
    {
        var recipients = document[nameof(Exchange.Recipients)].AsArray;
        var listed = new RecipientListing[recipients.Count];
        for (var i = 0; i < listed.Length; i++)
        {
            var recipient = recipients[i].AsDocument;
            listed[i] = new RecipientListing(
                Text(recipient[nameof(Recipient.AgencyId)]),
                Enum.Parse<RecipientStatus>(recipient[nameof(Recipient.Status)].AsString),
                Time(recipient[nameof(Recipient.FinishedUtc)]));
        }

        return new ExchangeListing(
            document["_id"].AsString,
            Time(document[nameof(Exchange.SubmittedUtc)])
                ?? throw new InvalidOperationException($"Exchange {document["_id"]} is listed but not submitted."),
            Text(document[nameof(Exchange.Title)]),
            Text(document[nameof(Exchange.SourceAgencyId)]),
            Enum.Parse<Priority>(document[nameof(Exchange.Priority)].AsString),
            Text(document[nameof(Exchange.DataType)]),
            document[nameof(Exchange.Size)].IsNull ? 0 : document[nameof(Exchange.Size)].AsInt64,
            listed);
    }

    private static string Text(BsonValue value) => value.IsNull ? "" : value.AsString;

    private static DateTime? Time(BsonValue value) => value.IsNull ? null : value.AsDateTime.ToUniversalTime();
}
