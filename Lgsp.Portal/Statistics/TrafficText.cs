using Lgsp.Broker.Exchanges;

namespace Lgsp.Portal.Statistics;

/// <summary>The Vietnamese names of the broker's states, as monitoring pages show them.</summary>
public static class TrafficText
{
    public static string Status(RecipientStatus status) => status switch
    {
        RecipientStatus.Allocated => "Đã cấp chỗ",
        RecipientStatus.Uploaded => "Đã tải lên",
        RecipientStatus.Offered => "Chờ nhận",
        RecipientStatus.Receiving => "Đang nhận",
        RecipientStatus.Delivered => "Đã giao",
        RecipientStatus.Rejected => "Bị từ chối",
        RecipientStatus.Expired => "Hết hạn",
        RecipientStatus.Undeliverable => "Không gửi được",
        RecipientStatus.Failed => "Lỗi",
        _ => status.ToString(),
    };

    public static string Priority(Priority priority) => priority switch
    {
        Broker.Exchanges.Priority.Low => "Thấp",
        Broker.Exchanges.Priority.Normal => "Thường",
        Broker.Exchanges.Priority.High => "Khẩn",
        Broker.Exchanges.Priority.Urgent => "Hỏa tốc",
        _ => priority.ToString(),
    };
}
