using System.Net;
using System.Net.Mail;
using Microsoft.Extensions.Options;

namespace Lgsp.Portal.Requests;

/// <summary>The SMTP relay for notices; without a host, no e-mail is sent and notices stay in the portal.</summary>
public sealed class SmtpOptions
{
    public string Host { get; set; } = "";

    public int Port { get; set; } = 587;

    public bool EnableSsl { get; set; } = true;

    public string UserName { get; set; } = "";

    public string Password { get; set; } = "";

    public string From { get; set; } = "";
}

/// <summary>Sends a notice by e-mail when SMTP is configured (section <c>Smtp</c>); otherwise does nothing.</summary>
public sealed partial class NotificationMailer(IOptions<SmtpOptions> options, ILogger<NotificationMailer> logger)
{
    /// <summary>True when a relay is configured.</summary>
    public bool Enabled => options.Value.Host.Length > 0 && options.Value.From.Length > 0;

    /// <summary>Sends one message; a relay failure is logged and does not undo the in-portal notice.</summary>
    public async Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return;
        }

        var smtp = options.Value;
        using var client = new SmtpClient(smtp.Host, smtp.Port) { EnableSsl = smtp.EnableSsl };
        if (smtp.UserName.Length > 0)
        {
            client.Credentials = new NetworkCredential(smtp.UserName, smtp.Password);
        }

        using var message = new MailMessage(smtp.From, to, subject, body);
        try
        {
            await client.SendMailAsync(message, cancellationToken);
        }
        catch (SmtpException exception)
        {
            MailFailed(logger, exception, smtp.Host);
        }
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Could not send a notice through {Host}")]
    private static partial void MailFailed(ILogger logger, Exception exception, string host);
}
