using Lgsp.Forms.Content;
using Lgsp.Tests.Forms;

namespace Lgsp.Tests.Support;

/// <summary>Filled request forms for the tests.</summary>
internal static class FormsFor
{
    public static RegisterApplicationForm Registration() => Common(FormContentTests.Filled());

    public static CancelApplicationForm Cancellation(string accessKeyId) =>
        Common(new CancelApplicationForm { AccessKeyId = accessKeyId });

    public static RegisterSsoForm Sso() => Grounded(new RegisterSsoForm
    {
        ApplicationName = "Cổng dịch vụ y tế",
        Developer = "Trung tâm Công nghệ thông tin",
        CallbackUrls = "https://app.syt.bacgiang.gov.vn/signin-oidc",
        SignOutUrls = "https://app.syt.bacgiang.gov.vn/",
    });

    public static T Grounded<T>(T form) where T : GroundedRequestForm
    {
        form.LegalBasis = "Kế hoạch số 45/KH-SYT ngày 10/01/2026";
        return Common(form);
    }

    public static T Common<T>(T form) where T : AgencyRequestForm
    {
        form.ParentBodyName = "UBND tỉnh Bắc Giang";
        form.AgencyName = "Sở Y tế";
        form.LetterNumber = "125/SYT-VP";
        form.LetterDate = new DateTime(2026, 12, 1);
        form.Place = "Bắc Giang";
        form.ContactName = "Trần Thị Bình";
        form.ContactPosition = "Chuyên viên";
        form.ContactDepartment = "Văn phòng";
        form.ContactEmail = "binh@bacgiang.gov.vn";
        form.ContactPhone = "0912345678";
        form.SignerTitle = "Giám đốc";
        form.SignerName = "Lê Văn Cường";
        return form;
    }
}
