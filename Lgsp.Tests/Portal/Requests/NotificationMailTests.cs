using Lgsp.Forms.Catalog;
using Lgsp.Portal.Identity;
using Lgsp.Portal.Requests;
using Lgsp.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Tests.Portal.Requests;

[Collection(WebCollection.Name)]
public sealed class NotificationMailTests
{
    [Fact]
    public async Task Submission_WithSmtpConfigured_MailsTheSpecialist()
    {
        await using var sink = new SmtpSink();
        using var portal = new PortalFactory(settings: new Dictionary<string, string>
        {
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp:EnableSsl"] = "false",
            ["Smtp:From"] = "lgsp@bacgiang.gov.vn",
        });
        await portal.CreateUserAsync("vanthu.syt@bacgiang.gov.vn", Roles.AgencyHead, "000.00.15.H06");
        await portal.CreateUserAsync("chuyenvien@bacgiang.gov.vn", Roles.Specialist);

        await SubmitAsync(portal);

        var message = Assert.Single(sink.Messages);
        Assert.Equal(["chuyenvien@bacgiang.gov.vn"], message.To);
        Assert.Contains("Subject:", message.Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submission_WithoutSmtp_SendsNothingAndStillNotifiesInThePortal()
    {
        await using var sink = new SmtpSink();
        using var portal = new PortalFactory();
        await portal.CreateUserAsync("vanthu.syt@bacgiang.gov.vn", Roles.AgencyHead, "000.00.15.H06");
        await portal.CreateUserAsync("chuyenvien@bacgiang.gov.vn", Roles.Specialist);

        await SubmitAsync(portal);

        Assert.Empty(sink.Messages);
        Assert.False(portal.Services.GetRequiredService<NotificationMailer>().Enabled);
        await using var scope = portal.ScopeActingAs("chuyenvien@bacgiang.gov.vn");
        Assert.Single(await scope.ServiceProvider.GetRequiredService<NotificationService>().ListAsync(default));
    }

    private static async Task SubmitAsync(PortalFactory portal)
    {
        await using var scope = portal.ScopeActingAs("vanthu.syt@bacgiang.gov.vn");
        var requests = scope.ServiceProvider.GetRequiredService<RequestService>();
        var id = await requests.CreateDraftAsync(FormKind.RegisterApplication, default);
        var version = (await requests.GetAsync(id, default)).Version;
        await requests.SubmitAsync(id, version, FormsFor.Registration(), default);
    }
}
