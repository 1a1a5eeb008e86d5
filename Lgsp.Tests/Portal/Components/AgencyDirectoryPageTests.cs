using Bunit;
using Lgsp.Portal.Components.Pages.Agencies;
using Lgsp.Portal.Identity;
using Lgsp.Tests.Support;
using MudBlazor.Services;

namespace Lgsp.Tests.Portal.Components;

public sealed class AgencyDirectoryPageTests : BunitContext, IAsyncLifetime
{
    // The search box debounces and the page renders on another thread: on a busy CI machine that takes more than
    // bUnit's default second, so the condition is polled for longer (it passes as soon as it holds).
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    public async Task InitializeAsync()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
        await InMemoryPortal.AddDirectoryServicesAsync(Services);
    }

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    [Fact]
    public void Search_UnaccentedText_ListsTheMatchingAgencyOnly()
    {
        AddAuthorization().SetAuthorized("000.00.15.h06@bacgiang.gov.vn").SetRoles(Roles.AgencyOfficer);
        var page = Render<AgencyDirectory>();

        page.Find("#agency-search").Input("so thong tin");

        page.WaitForAssertion(() =>
        {
            var rows = page.FindAll("#agency-results tbody tr");
            Assert.Contains("Sở Thông tin và Truyền thông", rows[0].TextContent, StringComparison.Ordinal);
            Assert.Contains("000.00.14.H06", rows[0].TextContent, StringComparison.Ordinal);
            Assert.DoesNotContain(rows, row => row.TextContent.Contains("Sở Y tế", StringComparison.Ordinal));
        }, Patience);
    }

    [Fact]
    public void Search_NothingMatches_SaysSo()
    {
        AddAuthorization().SetAuthorized("000.00.15.h06@bacgiang.gov.vn").SetRoles(Roles.AgencyOfficer);
        var page = Render<AgencyDirectory>();

        page.Find("#agency-search").Input("khong co co quan nay");

        page.WaitForAssertion(() =>
            Assert.Contains("Không có cơ quan nào khớp", page.Markup, StringComparison.Ordinal), Patience);
    }

    [Fact]
    public void AgencyOfficer_SeesNoEditingTools()
    {
        AddAuthorization().SetAuthorized("000.00.15.h06@bacgiang.gov.vn").SetRoles(Roles.AgencyOfficer);

        var page = Render<AgencyDirectory>();

        Assert.DoesNotContain("Thêm cơ quan", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Nhập từ CSV", page.Markup, StringComparison.Ordinal);
        Assert.Contains("Danh bạ có 39 cơ quan", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Administrator_SeesEditingTools()
    {
        AddAuthorization().SetAuthorized("admin@bacgiang.gov.vn").SetRoles(Roles.Administrator);

        var page = Render<AgencyDirectory>();

        Assert.Contains("Thêm cơ quan", page.Markup, StringComparison.Ordinal);
        Assert.Contains("Nhập từ CSV", page.Markup, StringComparison.Ordinal);
        Assert.NotEmpty(page.FindAll("button[aria-label='Sửa']"));
    }

    [Fact]
    public void Administrator_ImportsAFileWithErrors_SeesThemByLine_AndNothingIsImported()
    {
        AddAuthorization().SetAuthorized("admin@bacgiang.gov.vn").SetRoles(Roles.Administrator);
        var page = Render<AgencyDirectory>();
        var csv = "id,name,shortName,status,successorIds,effectiveFrom,effectiveTo,accepts\n"
            + "000.00.70.H06,Ban mới,BM,active,,,,\n"
            + "000.00.7.H06,Ban sai mã,,active,,,,\n";

        page.FindComponent<Microsoft.AspNetCore.Components.Forms.InputFile>()
            .UploadFiles(InputFileContent.CreateFromText(csv, "danh-ba.csv"));

        page.WaitForAssertion(() =>
            Assert.Contains("Dòng 3", page.Find("#import-errors").TextContent, StringComparison.Ordinal), Patience);
        Assert.Contains("Danh bạ có 39 cơ quan", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Administrator_ImportsAValidFile_AndTheDirectoryGrows()
    {
        AddAuthorization().SetAuthorized("admin@bacgiang.gov.vn").SetRoles(Roles.Administrator);
        var page = Render<AgencyDirectory>();
        var csv = "id,name,shortName,status,successorIds,effectiveFrom,effectiveTo,accepts\n"
            + "000.00.70.H06,Ban Quản lý dự án,BQLDA,active,,,,\n";

        page.FindComponent<Microsoft.AspNetCore.Components.Forms.InputFile>()
            .UploadFiles(InputFileContent.CreateFromText(csv, "danh-ba.csv"));

        page.WaitForAssertion(
            () => Assert.Contains("Danh bạ có 40 cơ quan", page.Markup, StringComparison.Ordinal),
            Patience);
    }
}
