using Lgsp.Forms.Catalog;

namespace Lgsp.Forms.Content;

/// <summary>Blank content for each template, and which reply and minutes belong to which request.</summary>
public static class FormFactory
{
    /// <summary>A blank request of a kind an agency files.</summary>
    public static AgencyRequestForm NewRequest(FormKind kind) => kind switch
    {
        FormKind.RegisterApplication => new RegisterApplicationForm(),
        FormKind.RequestLgspAccount => new RequestLgspAccountForm(),
        FormKind.CancelApplication => new CancelApplicationForm(),
        FormKind.RegisterSso => new RegisterSsoForm(),
        FormKind.RequestSsoAccount => new RequestSsoAccountForm(),
        FormKind.CancelSso => new CancelSsoForm(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a form an agency files."),
    };

    /// <summary>A blank reply to a request of the given kind.</summary>
    public static DepartmentReply NewReply(FormKind request) => request switch
    {
        FormKind.RegisterApplication => new ApplicationRegisteredReply(),
        FormKind.RequestLgspAccount => new LgspAccountProvidedReply(),
        FormKind.CancelApplication => new ApplicationCancelledReply(),
        FormKind.RegisterSso => new SsoRegisteredReply(),
        FormKind.RequestSsoAccount => new SsoAccountProvidedReply(),
        FormKind.CancelSso => new SsoCancelledReply(),
        _ => throw new ArgumentOutOfRangeException(nameof(request), request, "Not a request."),
    };

    /// <summary>Blank handover minutes for an account request (Mẫu 03 or 09).</summary>
    public static HandoverMinutes NewMinutes(FormKind request) => request switch
    {
        FormKind.RequestLgspAccount => new LgspHandoverMinutes(),
        FormKind.RequestSsoAccount => new SsoHandoverMinutes(),
        _ => throw new ArgumentOutOfRangeException(nameof(request), request, "No handover follows this request."),
    };

    /// <summary>The label of the reply's template, e.g. "Mẫu 02"; the 08 reply has none of its own.</summary>
    public static string ReplyLabel(FormKind request) => request == FormKind.RegisterSso
        ? "trả lời Mẫu 08"
        : FormCatalog.Get(NewReply(request).Kind).Label;
}
