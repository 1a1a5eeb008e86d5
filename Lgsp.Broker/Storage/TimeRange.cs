using LiteDB;

namespace Lgsp.Broker.Storage;

/// <summary>Queries for records whose time falls in a range, in the one form LiteDB answers from an index.</summary>
internal static class TimeRange
{
    /// <summary>
    /// <paramref name="field"/> in [<paramref name="fromUtc"/>, <paramref name="toUtc"/>). LiteDB reads a range
    /// from its index only when asked with BETWEEN: an AND of two bounds scans from the lower bound to the end of
    /// the index and loads every later record to filter it. Its times are whole milliseconds, so the half-open
    /// range is the closed one up to a millisecond before the end.
    /// </summary>
    public static BsonExpression During(string field, DateTime fromUtc, DateTime toUtc) =>
        Query.Between(field, fromUtc, toUtc.AddMilliseconds(-1));
}
