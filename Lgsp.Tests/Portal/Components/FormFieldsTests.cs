using Bunit;
using Lgsp.Forms.Content;
using Lgsp.Portal.Components.Requests;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using MudBlazor.Services;

namespace Lgsp.Tests.Portal.Components;

public sealed class FormFieldsTests : BunitContext, IAsyncLifetime
{
    public Task InitializeAsync()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
        Render<MudPopoverProvider>();
        return Task.CompletedTask;
    }

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    [Fact]
    public void Submit_BlankRegistration_ShowsVietnameseMessagesBesideTheFields()
    {
        var model = new RegisterApplicationForm();
        var valid = true;
        var form = RenderEditor(model, ok => valid = ok);

        form.Find("form").Submit();

        Assert.False(valid);
        Assert.Contains("Vui lòng nhập tên ứng dụng, dịch vụ.", form.Markup, StringComparison.Ordinal);
        Assert.Contains("Vui lòng nhập căn cứ pháp lý của cơ quan, đơn vị.", form.Markup, StringComparison.Ordinal);
        Assert.Contains("Vui lòng chọn ngày công văn.", form.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongPhoneAndEmail_AreRefusedWithTheirOwnMessages()
    {
        var model = Tests.Forms.FormContentTests.Filled();
        var valid = true;
        var form = RenderEditor(model, ok => valid = ok);

        form.Find("#field-ContactPhone").Input("12345");
        form.Find("#field-ContactEmail").Input("binh at bacgiang");
        form.Find("form").Submit();

        Assert.False(valid);
        Assert.Equal("12345", model.ContactPhone);
        Assert.Contains("không đúng dạng số điện thoại Việt Nam", form.Markup, StringComparison.Ordinal);
        Assert.Contains("không đúng dạng thư điện tử", form.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void RsaWithoutKeyAndAWrongPhone_AreBothShownAtOnce()
    {
        var model = Tests.Forms.FormContentTests.Filled();
        model.SignatureAlgorithm = "rsa-sha256";
        model.ContactPhone = "abc-12";
        var form = RenderEditor(model, _ => { });

        form.Find("form").Submit();

        Assert.Contains("không đúng dạng số điện thoại Việt Nam", form.Markup, StringComparison.Ordinal);
        Assert.Contains("dán khóa công khai RSA", form.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void FilledRegistration_IsValid_AndFieldsFollowTheTemplatesOrder()
    {
        var model = Tests.Forms.FormContentTests.Filled();
        var valid = false;
        var form = RenderEditor(model, ok => valid = ok);

        form.Find("form").Submit();

        Assert.True(valid);
        var ids = form.FindAll("input[id^=field-], textarea[id^=field-]").Select(e => e.Id).ToList();
        Assert.True(ids.IndexOf("field-AgencyName") < ids.IndexOf("field-LetterNumber"));
        Assert.True(ids.IndexOf("field-LegalBasis") < ids.IndexOf("field-ApplicationName"));
        Assert.True(ids.IndexOf("field-ApplicationName") < ids.IndexOf("field-ContactName"));
        Assert.True(ids.IndexOf("field-ContactPhone") < ids.IndexOf("field-SignerName"));
    }

    private IRenderedComponent<EditForm> RenderEditor(FormContent model, Action<bool> submitted) =>
        Render<EditForm>(parameters => parameters
            .Add(p => p.Model, model)
            .Add(p => p.OnValidSubmit, _ => submitted(true))
            .Add(p => p.OnInvalidSubmit, _ => submitted(false))
            .Add(p => p.ChildContent, (RenderFragment<EditContext>)(_ => builder =>
            {
                builder.OpenComponent<FormContentValidator>(0);
                builder.CloseComponent();
                builder.OpenComponent<FormFields>(1);
                builder.AddAttribute(2, nameof(FormFields.Model), model);
                builder.CloseComponent();
            })));
}
