using Lgsp.Forms.Content;
using Lgsp.Portal.Audit;

namespace Lgsp.Portal.Requests;

/// <summary>The request does not exist or belongs to another agency: both answer "not found".</summary>
public sealed class RequestNotFoundException() : PortalRuleException("Không tìm thấy hồ sơ.");

/// <summary>Someone else changed the request since the page loaded it.</summary>
public sealed class RequestConflictException() : PortalRuleException(
    "Hồ sơ vừa được cập nhật (bởi người khác hoặc ở một cửa sổ khác); thao tác của bạn chưa được ghi. "
    + "Hãy tải lại trang để xem trạng thái mới.");

/// <summary>A workflow rule refuses the action; the message is for the user, in Vietnamese.</summary>
public sealed class RequestRuleException(string message) : PortalRuleException(message);

/// <summary>The form is incomplete or wrong; each error names its field.</summary>
public sealed class FormInvalidException(IReadOnlyList<FieldError> errors)
    : PortalRuleException("Thông tin chưa hợp lệ: " + string.Join(" ", errors.Select(e => e.Message)))
{
    /// <summary>The fields that fail, with their messages.</summary>
    public IReadOnlyList<FieldError> Errors { get; } = errors;
}
