namespace Lgsp.Forms.Catalog;

/// <summary>The thirteen letter templates (mẫu) of the regulation's appendix.</summary>
public enum FormKind
{
    /// <summary>Mẫu 01: an agency registers an application with the LGSP.</summary>
    RegisterApplication = 1,

    /// <summary>Mẫu 02: the Department's reply, application registered and keys issued.</summary>
    ApplicationRegistered = 2,

    /// <summary>Mẫu 03: an agency asks for an LGSP administrator account, documents and support.</summary>
    RequestLgspAccount = 3,

    /// <summary>Mẫu 04: the Department's reply, account, documents and contact provided.</summary>
    LgspAccountProvided = 4,

    /// <summary>Mẫu 05: handover minutes of the LGSP administrator account.</summary>
    LgspAccountHandover = 5,

    /// <summary>Mẫu 06: an agency cancels an application's LGSP registration.</summary>
    CancelApplication = 6,

    /// <summary>Mẫu 07: the Department's reply, registration cancelled.</summary>
    ApplicationCancelled = 7,

    /// <summary>Mẫu 08: an agency registers an application with the provincial SSO.</summary>
    RegisterSso = 8,

    /// <summary>Mẫu 09: an agency asks for an SSO administrator account, documents and support.</summary>
    RequestSsoAccount = 9,

    /// <summary>Mẫu 10: the Department's reply, SSO account, documents and contact provided.</summary>
    SsoAccountProvided = 10,

    /// <summary>Mẫu 11: handover minutes of the SSO administrator account.</summary>
    SsoAccountHandover = 11,

    /// <summary>Mẫu 12: an agency cancels an application's SSO registration.</summary>
    CancelSso = 12,

    /// <summary>Mẫu 13: the Department's reply, SSO registration cancelled.</summary>
    SsoCancelled = 13,
}
