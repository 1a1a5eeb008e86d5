namespace Lgsp.Portal.Audit;

/// <summary>A refused request, with a message for the user in Vietnamese; pages show it, commands print it.</summary>
public abstract class PortalRuleException(string message) : Exception(message);

/// <summary>
/// The acting person no longer holds the role the action needs (checked at the action, not the page).
/// </summary>
public sealed class ForbiddenActionException()
    : PortalRuleException("Tài khoản của bạn không còn quyền thực hiện thao tác này; hãy tải lại trang.");
