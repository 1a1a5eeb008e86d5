using Lgsp.Forms.Catalog;
using Lgsp.Forms.Requests;
using Lgsp.Portal.Data;

namespace Lgsp.Tests.Support;

/// <summary>Requests made directly, at given moments, as the request statistics read them.</summary>
internal static class RequestRecords
{
    /// <summary>
    /// A Mẫu 01 request of <paramref name="agency"/>, sent at <paramref name="submitted"/> (null: a draft), with
    /// its deadline clock and due date, and answered at <paramref name="answered"/> (null: not yet).
    /// </summary>
    public static ServiceRequest Request(
        string agency,
        DateTimeOffset? submitted,
        DateOnly? clockStart,
        DateOnly? due,
        DateTimeOffset? answered,
        RequestStatus status) => new()
        {
            Id = Guid.NewGuid(),
            Kind = FormKind.RegisterApplication,
            AgencyId = agency,
            Status = status,
            Title = "Đăng ký ứng dụng",
            FormJson = "{}",
            CreatedBy = "thu@bacgiang.gov.vn",
            CreatedUtc = (submitted ?? ManualClock.At(2026, 12, 1, 8, 0)).UtcDateTime,
            SubmittedUtc = submitted?.UtcDateTime,
            ClockStart = clockStart,
            DueDate = due,
            AnsweredUtc = answered?.UtcDateTime,
            Version = Guid.NewGuid(),
        };
}
