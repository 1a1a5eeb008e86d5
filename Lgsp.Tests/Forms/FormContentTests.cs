using Lgsp.Forms.Content;
using Lgsp.Forms.Requests;

namespace Lgsp.Tests.Forms;

public sealed class FormContentTests
{
    [Fact]
    public void Check_BlankRegistration_NamesEveryRequiredFieldInVietnamese()
    {
        var form = new RegisterApplicationForm();

        var errors = form.Check();

        var fields = errors.Select(e => e.Field).ToHashSet();
        Assert.Superset(
            new HashSet<string>
            {
                "AgencyName", "LetterNumber", "LetterDate", "Place", "LegalBasis", "ApplicationName", "Developer",
                "ContactName", "ContactEmail", "ContactPhone", "SignerName",
            },
            fields);
        Assert.DoesNotContain("ApplicationAbbreviation", fields);
        Assert.Contains(errors, e => e.Message == "Vui lòng nhập căn cứ pháp lý của cơ quan, đơn vị.");
    }

    [Theory]
    [InlineData("0912345678", true)]
    [InlineData("0912 345 678", true)]
    [InlineData("+84 912.345.678", true)]
    [InlineData("0204 3854 321", true)]
    [InlineData("0112345678", false)]
    [InlineData("091234567", false)]
    [InlineData("phone", false)]
    public void IsVietnamesePhone_AcceptsMobilesAndLandlines(string text, bool valid)
    {
        Assert.Equal(valid, FieldRules.IsVietnamesePhone(text));
    }

    [Theory]
    [InlineData("van.thu@bacgiang.gov.vn", true)]
    [InlineData("Văn Thư <vt@bacgiang.gov.vn>", false)]
    [InlineData("vt@localhost", false)]
    [InlineData("không phải thư", false)]
    public void IsEmail_AcceptsOneBareMailbox(string text, bool valid)
    {
        Assert.Equal(valid, FieldRules.IsEmail(text));
    }

    [Fact]
    public void Check_FilledRegistration_WithRsaButNoKey_AsksForThePublicKey()
    {
        var form = Filled();
        form.SignatureAlgorithm = "rsa-sha256";

        var errors = form.Check();

        var error = Assert.Single(errors);
        Assert.Equal("PublicKeyPem", error.Field);
    }

    [Fact]
    public void Check_SsoRegistration_RefusesPlainHttpCallbacks()
    {
        var form = new RegisterSsoForm { CallbackUrls = "https://app.gov.vn/cb\nhttp://app.gov.vn/cb" };

        var errors = form.Check();

        Assert.Contains(errors, e => e.Field == "CallbackUrls" && e.Message.Contains("http://app.gov.vn/cb",
            StringComparison.Ordinal));
    }

    [Fact]
    public void Normalize_DecomposedText_BecomesNfcAndSurvivesJson()
    {
        var form = Filled();
        form.ApplicationName = "  Quản lý văn bản  ".Normalize(System.Text.NormalizationForm.FormD);

        form.Normalize();
        var back = (RegisterApplicationForm)FormContent.FromJson(form.ToJson());

        Assert.Equal("Quản lý văn bản", back.ApplicationName);
        Assert.True(back.ApplicationName.IsNormalized());
        Assert.Equal(form.LetterDate, back.LetterDate);
    }

    [Fact]
    public void Reply_Refusal_NeedsAReasonButNoSupportContact()
    {
        var reply = new ApplicationRegisteredReply
        {
            Addressee = "Sở Y tế",
            AgencyName = "Sở Y tế",
            RequestNumber = "12/SYT-VP",
            RequestDate = new DateTime(2026, 3, 2),
            Place = "Bắc Giang",
            SignerName = "Nguyễn Văn A",
            ApplicationName = "Quản lý văn bản",
            Refused = true,
        };

        Assert.Equal(["RefusalReason"], reply.Check().Select(e => e.Field));
        reply.Refused = false;
        Assert.Equal(["SupportMobile", "SupportName"], reply.Check().Select(e => e.Field).Order());
    }

    [Fact]
    public void DocumentNumber_BelowTen_HasALeadingZero()
    {
        Assert.Equal("08/BB-CNTT&TT", DocumentNumber.Format(8, "BB-CNTT&TT"));
        Assert.Equal("15/STTTT-CNTT&TT", DocumentNumber.Format(15, "STTTT-CNTT&TT"));
    }

    internal static RegisterApplicationForm Filled() => new()
    {
        AgencyName = "Sở Y tế tỉnh Bắc Giang",
        LetterNumber = "12/SYT-VP",
        LetterDate = new DateTime(2026, 3, 2),
        Place = "Bắc Giang",
        LegalBasis = "Kế hoạch số 45/KH-SYT ngày 10/01/2026 của Sở Y tế",
        ApplicationName = "Quản lý văn bản",
        Developer = "Công ty Phần mềm Bắc Giang",
        ContactName = "Trần Thị Bình",
        ContactPosition = "Chuyên viên",
        ContactDepartment = "Văn phòng",
        ContactEmail = "binh@bacgiang.gov.vn",
        ContactPhone = "0912345678",
        SignerTitle = "Giám đốc",
        SignerName = "Lê Văn Cường",
    };
}
