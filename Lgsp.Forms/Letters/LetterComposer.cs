using System.Globalization;
using Lgsp.Forms.Catalog;
using Lgsp.Forms.Content;

namespace Lgsp.Forms.Letters;

/// <summary>
/// What a letter takes from outside its form: the platform's names and the regulation's decision (settings), and
/// the document's own number and date once issued.
/// </summary>
public sealed record LetterContext(
    string ProvinceName,
    string PeopleCommitteeName,
    string DepartmentName,
    string ItCentreName,
    string DecisionNumber,
    DateOnly? DecisionDate,
    string? Number,
    DateOnly Date,
    bool Draft,
    VerificationMark? Mark = null);

/// <summary>
/// Turns a filled form into the letter it prints as, with the appendix's wording and its errata corrected: the motto
/// reads "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", the decision is the one in the settings everywhere, and the SSO forms
/// speak of the SSO system, not of the LGSP.
/// </summary>
public static class LetterComposer
{
    /// <summary>The letter of a form.</summary>
    public static OfficialLetter Compose(FormContent form, LetterContext context) => form switch
    {
        AgencyRequestForm request => Request(request, context),
        DepartmentReply reply => Reply(reply, context),
        HandoverMinutes minutes => Minutes(minutes, context),
        _ => throw new ArgumentOutOfRangeException(nameof(form), form.GetType().Name, "No letter for this form."),
    };

    /// <summary>"ngày 04 tháng 02 năm 2026": days below 10 and months below 3 with a leading zero.</summary>
    public static string LongDate(DateOnly date) =>
        $"ngày {date.Day:00} tháng {(date.Month < 3 ? $"{date.Month:00}" : $"{date.Month}")} năm {date.Year}";

    private static string Platform(LetterContext c) => $"hệ thống nền tảng tích hợp, chia sẻ dữ liệu tỉnh "
        + $"{c.ProvinceName}";

    private static string Decision(LetterContext c) =>
        $"Căn cứ Quyết định số {c.DecisionNumber}"
        + (c.DecisionDate is { } date ? $" {LongDate(date)}" : "")
        + $" của {c.PeopleCommitteeName} ban hành Quy chế Quản lý, vận hành và sử dụng {Platform(c)};";

    private static OfficialLetter Request(AgencyRequestForm form, LetterContext c)
    {
        var agency = form.AgencyName;
        var subject = SubjectOf(form.Kind, c);
        var body = new List<Paragraph> { LetterRenderer.Body(Decision(c)) };
        if (form is GroundedRequestForm grounded)
        {
            body.AddRange(FieldRules.Lines(grounded.LegalBasis).Select(line => LetterRenderer.Body($"Căn cứ "
                + $"{WithoutCanCu(Trim(line))};")));
        }

        switch (form)
        {
            case RegisterApplicationForm f:
                body.Add(LetterRenderer.Body($"Nhằm phục vụ nhu cầu triển khai ứng dụng công nghệ thông tin, "
                    + $"{agency} đề nghị {c.DepartmentName} đăng ký và cấp quyền cho ứng dụng, dịch vụ được kết nối "
                    + $"với {Platform(c)} (LGSP tỉnh) với thông tin như sau:"));
                body.Add(LetterRenderer.Body($"- Tên ứng dụng, dịch vụ: {f.ApplicationName}"
                    + (f.ApplicationAbbreviation.Length > 0 ? $" ({f.ApplicationAbbreviation})" : "") + ";"));
                body.Add(LetterRenderer.Body($"- Đơn vị phát triển: {f.Developer}."));
                break;
            case RegisterSsoForm f:
                body.Add(LetterRenderer.Body($"Nhằm phục vụ nhu cầu triển khai kết nối tích hợp với hệ thống xác "
                    + $"thực đăng nhập một lần (SSO) dùng chung của tỉnh, {agency} đề nghị {c.DepartmentName} đăng "
                    + $"ký và cấp quyền cho ứng dụng, dịch vụ được kết nối với hệ thống SSO dùng chung của tỉnh, "
                    + $"thông tin như sau:"));
                body.Add(LetterRenderer.Body($"- Tên ứng dụng, dịch vụ: {f.ApplicationName}"
                    + (f.ApplicationAbbreviation.Length > 0 ? $" ({f.ApplicationAbbreviation})" : "") + ";"));
                body.Add(LetterRenderer.Body($"- Đơn vị phát triển: {f.Developer};"));
                body.Add(LetterRenderer.Body("- Địa chỉ nhận kết quả đăng nhập: "
                    + string.Join("; ", FieldRules.Lines(f.CallbackUrls)) + ";"));
                body.Add(LetterRenderer.Body("- Địa chỉ sau khi đăng xuất: "
                    + string.Join("; ", FieldRules.Lines(f.SignOutUrls)) + "."));
                break;
            case RequestLgspAccountForm or RequestSsoAccountForm:
                var system = form.Kind == FormKind.RequestSsoAccount ? "hệ thống xác thực đăng nhập một lần (SSO) "
                    + "dùng chung của tỉnh" : Platform(c);
                body.Add(LetterRenderer.Body($"Nhằm phục vụ nhu cầu triển khai ứng dụng công nghệ thông tin, "
                    + $"{agency} đề nghị {c.DepartmentName} cung cấp tài khoản quản trị, tài liệu kỹ thuật và đầu "
                    + $"mối hỗ trợ kỹ thuật kết nối với {system} cho {agency}."));
                break;
            case CancelApplicationForm f:
                body.Add(LetterRenderer.Body($"Ứng dụng, dịch vụ {f.ApplicationName} (mã khóa truy cập "
                    + $"{f.AccessKeyId}) tại {agency} đã ngưng hoạt động; đề nghị {c.DepartmentName} hủy bỏ thông "
                    + $"tin đã đăng ký và thu hồi quyền đã cấp cho ứng dụng, dịch vụ kết nối với LGSP tỉnh."));
                break;
            case CancelSsoForm f:
                body.Add(LetterRenderer.Body($"Ứng dụng, dịch vụ {f.ApplicationName} (mã ứng dụng {f.ClientId}) tại "
                    + $"{agency} đã ngưng hoạt động; đề nghị {c.DepartmentName} hủy bỏ thông tin đã đăng ký tích hợp "
                    + $"với hệ thống xác thực đăng nhập một lần (SSO) dùng chung của tỉnh."));
                break;
        }

        if (form.Kind is not (FormKind.CancelApplication or FormKind.CancelSso))
        {
            body.Add(LetterRenderer.Body($"{agency} cam kết tuân thủ các quy định được nêu trong Quy chế Quản lý, "
                + $"vận hành và sử dụng {Platform(c)}."));
        }

        body.Add(LetterRenderer.Body($"Đầu mối liên hệ: {form.ContactName}, {form.ContactPosition}, "
            + $"{form.ContactDepartment}; thư điện tử: {form.ContactEmail}; điện thoại: {form.ContactPhone}."));
        return new OfficialLetter
        {
            IssuerParent = form.ParentBodyName is { Length: > 0 } parent ? parent : null,
            Issuer = agency,
            Number = $"Số: {form.LetterNumber}",
            PlaceAndDate = $"{form.Place}, {LongDate(form.LetterDate is { } d ? DateOnly.FromDateTime(d) : c.Date)}",
            Subject = subject,
            Addressees = [c.DepartmentName],
            Body = body,
            Recipients =
            [
                "Như trên;", .. FieldRules.Lines(form.OtherRecipients).Select(r => Trim(r) + ";"), "Lưu: VT.",
            ],
            Signatures = [new SignatureBlock(null, form.SignerTitle, form.SignerName)],
            Draft = c.Draft,
            Mark = c.Mark,
        };
    }

    private static OfficialLetter Reply(DepartmentReply reply, LetterContext c)
    {
        var agency = reply.AgencyName;
        var requestKind = reply switch
        {
            ApplicationRegisteredReply => FormKind.RegisterApplication,
            LgspAccountProvidedReply => FormKind.RequestLgspAccount,
            ApplicationCancelledReply => FormKind.CancelApplication,
            SsoRegisteredReply => FormKind.RegisterSso,
            SsoAccountProvidedReply => FormKind.RequestSsoAccount,
            _ => FormKind.CancelSso,
        };
        var requested = reply.RequestDate is { } rd ? ShortDate(rd) : "";
        var body = new List<Paragraph>
        {
            LetterRenderer.Body(Decision(c)),
            LetterRenderer.Body($"Theo đề nghị của {agency} tại Công văn số {reply.RequestNumber} ngày {requested} "
                + $"{SubjectOf(requestKind, c)[4..]};"),
        };
        if (reply.Refused)
        {
            body.Add(LetterRenderer.Body($"{c.DepartmentName} chưa thể đáp ứng đề nghị của {agency}, với lý do: "
                + $"{Trim(reply.RefusalReason)}."));
        }
        else
        {
            body.Add(LetterRenderer.Body(reply switch
            {
                ApplicationRegisteredReply r => $"{c.DepartmentName} đã thực hiện đăng ký thông tin ứng dụng, dịch "
                    + $"vụ {r.ApplicationName} kết nối với LGSP tỉnh theo đề nghị của {agency}; khóa truy cập của "
                    + $"ứng dụng được cấp trên Cổng quản lý LGSP.",
                LgspAccountProvidedReply r => $"{c.DepartmentName} đồng ý cung cấp tài khoản quản trị "
                    + $"({r.AdministratorAccount}) và tài liệu kỹ thuật liên quan đến LGSP tỉnh theo đề nghị của "
                    + $"{agency}.",
                ApplicationCancelledReply r => $"{c.DepartmentName} đã thực hiện hủy bỏ thông tin ứng dụng, dịch vụ "
                    + $"{r.ApplicationName} kết nối với LGSP tỉnh theo đề nghị của {agency}.",
                SsoRegisteredReply r => $"{c.DepartmentName} đã thực hiện đăng ký ứng dụng, dịch vụ "
                    + $"{r.ApplicationName} với hệ thống xác thực đăng nhập một lần (SSO) dùng chung của tỉnh theo "
                    + $"đề nghị của {agency}. Địa chỉ đăng nhập: {r.SsoSignInUrl}; địa chỉ đăng xuất: "
                    + $"{r.SsoSignOutUrl}; mã ứng dụng và khóa bí mật được cấp trên Cổng quản lý LGSP.",
                SsoAccountProvidedReply r => $"{c.DepartmentName} đồng ý cung cấp tài khoản quản trị "
                    + $"({r.AdministratorAccount}) và tài liệu kỹ thuật liên quan đến hệ thống xác thực đăng nhập "
                    + $"một lần (SSO) dùng chung của tỉnh theo đề nghị của {agency}.",
                SsoCancelledReply r => $"{c.DepartmentName} đã thực hiện hủy bỏ thông tin ứng dụng, dịch vụ "
                    + $"{r.ApplicationName} tích hợp với hệ thống xác thực đăng nhập một lần (SSO) dùng chung của "
                    + $"tỉnh theo đề nghị của {agency}.",
                _ => "",
            }));
            if (reply is SupportedReply supported)
            {
                body.Add(LetterRenderer.Body($"Thông tin chi tiết, {agency} vui lòng liên hệ trực tiếp đầu mối hỗ "
                    + $"trợ kỹ thuật: {supported.SupportName}, {c.ItCentreName}; "
                    + (supported.SupportLandline.Length > 0 ? $"điện thoại: {supported.SupportLandline}, " : "")
                    + $"di động: {supported.SupportMobile}."));
            }

            if (reply is LgspAccountProvidedReply or SsoAccountProvidedReply)
            {
                body.Add(LetterRenderer.Body($"Đề nghị {agency} quản lý, sử dụng tài khoản được cấp phát theo đúng "
                    + $"quy định trong Quy chế Quản lý, vận hành và sử dụng {Platform(c)}."));
            }
        }

        body.Add(LetterRenderer.Body("Trân trọng./."));
        return new OfficialLetter
        {
            IssuerParent = $"UBND tỉnh {c.ProvinceName}",
            Issuer = c.DepartmentName,
            Number = $"Số: {c.Number ?? "……"}",
            PlaceAndDate = $"{reply.Place}, {LongDate(c.Date)}",
            Subject = SubjectOf(requestKind, c),
            Addressees = [reply.Addressee],
            Body = body,
            Recipients =
            [
                "Như trên;", .. FieldRules.Lines(reply.OtherRecipients).Select(r => Trim(r) + ";"), "Lưu: VT, CNTT&TT.",
            ],
            Signatures = [new SignatureBlock(null, reply.SignerTitle, reply.SignerName)],
            Draft = c.Draft,
            Mark = c.Mark,
        };
    }

    private static OfficialLetter Minutes(HandoverMinutes minutes, LetterContext c)
    {
        var sso = minutes.Kind == FormKind.SsoAccountHandover;
        var system = sso ? "hệ thống xác thực đăng nhập một lần (SSO) dùng chung của tỉnh" : $"LGSP tỉnh "
            + $"{c.ProvinceName}";
        var replyDate = minutes.ReplyDate is { } rd ? LongDate(DateOnly.FromDateTime(rd)) : "";
        var requestDate = minutes.RequestDate is { } qd ? ShortDate(qd) : "";
        var at = minutes.HandoverTime is { } t ? $"{t.Hours:00} giờ {t.Minutes:00} phút" : "… giờ … phút";
        var day = minutes.HandoverDate is { } hd ? LongDate(DateOnly.FromDateTime(hd)) : "ngày … tháng … năm …";
        var body = new List<Paragraph>
        {
            LetterRenderer.Body(Decision(c)),
            LetterRenderer.Body($"Căn cứ Công văn số {minutes.ReplyNumber} {replyDate} của {c.DepartmentName} về "
                + $"cung cấp tài khoản quản trị, tài liệu kỹ thuật và đầu mối hỗ trợ kỹ thuật kết nối với {system};"),
            LetterRenderer.Body($"Theo đề nghị của {minutes.AgencyName} tại Công văn số {minutes.RequestNumber} ngày "
                + $"{requestDate};"),
            LetterRenderer.Body($"Hôm nay, vào lúc {at}, {day}, tại {minutes.HandoverPlace}, chúng tôi gồm:"),
            Bold("BÊN GIAO (sau đây gọi là bên A):"),
            LetterRenderer.Body($"Ông/bà: {minutes.PartyAName}; chức vụ công tác: {minutes.PartyAPosition}; đại diện "
                + $"cho: {minutes.PartyABody}."),
            Bold("BÊN NHẬN (sau đây gọi là bên B):"),
            LetterRenderer.Body($"Ông/bà: {minutes.PartyBName}; chức vụ công tác: {minutes.PartyBPosition}; đại diện "
                + $"cho: {minutes.PartyBBody}."),
            LetterRenderer.Body($"Nội dung bàn giao: tài khoản quản trị hệ thống và tài liệu kỹ thuật {system}."),
            LetterRenderer.Body("Bên A đã bàn giao tài khoản và hướng dẫn quản trị, sử dụng cho bên B."),
            LetterRenderer.Body($"Bên B có trách nhiệm dùng các biện pháp theo quy chế, quy định của pháp luật để "
                + $"bảo mật thông tin tài khoản (tên đăng nhập, mật khẩu). Bất kỳ hành động truy cập bằng tài khoản "
                + $"của bên B đều được coi là do bên B truy cập; bên A không chịu trách nhiệm đối với trường hợp rủi "
                + $"ro phát sinh trong quá trình sử dụng {system} dẫn đến việc bên B để lộ mật khẩu cho người dùng "
                + $"khác. Trường hợp phát hiện mật khẩu bị lộ, bên B cần nhanh chóng thay đổi mật khẩu mới và/hoặc "
                + $"liên hệ với {c.ItCentreName} để được hỗ trợ."),
            LetterRenderer.Body("Biên bản này được lập thành 02 (hai) bản có giá trị như nhau, mỗi bên giữ 01 (một) "
                + "bản./."),
        };
        return new OfficialLetter
        {
            IssuerParent = c.DepartmentName,
            Issuer = c.ItCentreName,
            Number = $"Số: {c.Number ?? "……"}",
            PlaceAndDate = $"{minutes.Place}, {LongDate(c.Date)}",
            Title = ("BIÊN BẢN", $"Về việc bàn giao tài khoản quản trị hệ thống, tài liệu kỹ thuật {system}"),
            Body = body,
            Signatures =
            [
                new SignatureBlock(null, "Đại diện bên A", minutes.PartyAName),
                new SignatureBlock(null, "Đại diện bên B", minutes.PartyBName),
            ],
            Draft = c.Draft,
            Mark = c.Mark,
        };
    }

    private static string SubjectOf(FormKind request, LetterContext c) => request switch
    {
        FormKind.RegisterApplication => $"V/v đăng ký thông tin ứng dụng, dịch vụ kết nối với {Platform(c)}",
        FormKind.RequestLgspAccount => $"V/v đề nghị cung cấp tài khoản quản trị, tài liệu kỹ thuật và đầu mối hỗ "
            + $"trợ kỹ thuật kết nối với {Platform(c)}",
        FormKind.CancelApplication => "V/v đề nghị hủy bỏ thông tin đã đăng ký ứng dụng, dịch vụ kết nối với "
            + Platform(c),
        FormKind.RegisterSso => "V/v đăng ký tích hợp với hệ thống xác thực đăng nhập một lần SSO dùng chung tỉnh",
        FormKind.RequestSsoAccount => "V/v đề nghị cung cấp tài khoản quản trị, tài liệu kỹ thuật và đầu mối hỗ trợ "
            + "kỹ thuật kết nối với hệ thống xác thực đăng nhập một lần SSO dùng chung tỉnh",
        _ => "V/v đề nghị hủy bỏ thông tin đã đăng ký tích hợp với hệ thống xác thực đăng nhập một lần SSO dùng "
            + "chung tỉnh",
    };

    private static string ShortDate(DateTime date) =>
        DateOnly.FromDateTime(date).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static Paragraph Bold(string text) =>
        Paragraph.Of(text, new RunStyle(14, Bold: true), Alignment.Left) with { FirstLineIndent = 0.01 };

    private static string Trim(string text) => text.TrimEnd(';', '.', ' ');

    /// <summary>A basis typed as "Căn cứ …" is printed once, not as "Căn cứ Căn cứ …".</summary>
    private static string WithoutCanCu(string line) =>
        line.StartsWith("Căn cứ ", StringComparison.OrdinalIgnoreCase) ? line["Căn cứ ".Length..] : line;
}
