using Lgsp.Directory;
using Lgsp.Forms.Content;
using Lgsp.Portal.Audit;
using Lgsp.Portal.Data;
using Lgsp.Portal.Settings;
using Microsoft.EntityFrameworkCore;

namespace Lgsp.Portal.Requests;

/// <summary>Attachments, one-time secrets and pre-filling, the request's side matters.</summary>
public sealed partial class RequestService
{
    /// <summary>Attaches a file to a draft or a request returned for completion.</summary>
    public async Task<Guid> AttachAsync(
        Guid id, Guid version, string fileName, string contentType, Stream content, CancellationToken cancellationToken)
    {
        var (me, request) = await LoadForAsync(id, version, cancellationToken);
        RequireEditable(me, request, FormContent.FromJson(request.FormJson));
        var name = VietnameseText.Normalize(Path.GetFileName(fileName));
        var extension = Path.GetExtension(name).ToLowerInvariant();
        if (name.Length == 0 || !AttachmentExtensions.Contains(extension))
        {
            throw new RequestRuleException(
                $"Chỉ đính kèm được tệp {string.Join(", ", AttachmentExtensions)}.");
        }

        if (await db.RequestAttachments.CountAsync(a => a.RequestId == id, cancellationToken) >= MaxAttachments)
        {
            throw new RequestRuleException($"Mỗi hồ sơ đính kèm tối đa {MaxAttachments} tệp.");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxAttachmentBytes)
            {
                throw new RequestRuleException($"Tệp lớn hơn {MaxAttachmentBytes / 1024 / 1024} MB.");
            }

            buffer.Write(chunk, 0, read);
        }

        if (!AttachmentSignatures.Matches(extension, buffer.GetBuffer().AsSpan(0, (int)buffer.Length)))
        {
            throw new RequestRuleException($"Nội dung tệp {name} không đúng định dạng {extension}.");
        }

        var attachment = new RequestAttachment
        {
            Id = Guid.NewGuid(),
            RequestId = id,
            FileName = name,
            ContentType = string.IsNullOrWhiteSpace(contentType) ? "application/octet-stream" : contentType,
            Size = buffer.Length,
            Content = buffer.ToArray(),
            UploadedBy = me.User.UserName ?? "",
            UploadedUtc = time.GetUtcNow().UtcDateTime,
        };
        db.RequestAttachments.Add(attachment);
        await audit.AddAsync(AuditActions.AttachmentAdded, id.ToString(), $"{name} ({attachment.Size} byte)",
            cancellationToken);
        return await SaveAsync(request, cancellationToken);
    }

    /// <summary>Removes a file from a draft or a request returned for completion.</summary>
    public async Task<Guid> RemoveAttachmentAsync(Guid id, Guid version, Guid fileId, CancellationToken cancellationToken)
    {
        var (me, request) = await LoadForAsync(id, version, cancellationToken);
        RequireEditable(me, request, FormContent.FromJson(request.FormJson));
        var file = await db.RequestAttachments.SingleOrDefaultAsync(a => a.Id == fileId && a.RequestId == id,
            cancellationToken) ?? throw new RequestNotFoundException();
        db.RequestAttachments.Remove(file);
        await audit.AddAsync(AuditActions.AttachmentRemoved, id.ToString(), file.FileName, cancellationToken);
        return await SaveAsync(request, cancellationToken);
    }

    /// <summary>An attachment of a request the person can see, or <see cref="RequestNotFoundException"/>.</summary>
    public async Task<RequestAttachment> AttachmentAsync(Guid id, Guid fileId, CancellationToken cancellationToken)
    {
        await VisibleAsync(db.Requests.AsNoTracking(), id, cancellationToken);
        return await db.RequestAttachments.AsNoTracking()
            .SingleOrDefaultAsync(a => a.Id == fileId && a.RequestId == id, cancellationToken)
            ?? throw new RequestNotFoundException();
    }

    /// <summary>
    /// Shows an issued secret to someone of the requesting agency, once: the stored copy of the message is
    /// erased in the same transaction, so a second look, by anyone, finds only who saw it and when.
    /// </summary>
    public async Task<string> RevealSecretAsync(Guid id, Guid secretId, CancellationToken cancellationToken)
    {
        var (me, request) = await VisibleAsync(db.Requests.AsNoTracking(), id, cancellationToken);

        if (!me.BelongsTo(request.AgencyId))
        {
            throw new ForbiddenActionException();
        }

        var secret = await db.OneTimeSecrets.SingleOrDefaultAsync(s => s.Id == secretId && s.RequestId == id,
            cancellationToken) ?? throw new RequestNotFoundException();
        if (secret.ProtectedValue is null)
        {
            throw new RequestRuleException(
                $"{secret.Label} đã được xem lúc {VietnamTime.FormatDateTime(secret.RevealedUtc!.Value)} " +
                $"bởi {secret.RevealedBy}; không hiện lại được.");
        }

        // The conditional update is what makes "once" hold when two people click at the same moment: only one
        // of them changes the row.
        var value = issuance.Unprotect(secret.ProtectedValue);
        var now = time.GetUtcNow().UtcDateTime;
        var viewer = me.User.UserName;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.OneTimeSecrets
            .Where(s => s.Id == secretId && s.ProtectedValue != null)
            .ExecuteUpdateAsync(update => update
                .SetProperty(s => s.ProtectedValue, (string?)null)
                .SetProperty(s => s.RevealedUtc, now)
                .SetProperty(s => s.RevealedBy, viewer), cancellationToken);
        if (claimed != 1)
        {
            throw new RequestRuleException($"{secret.Label} đã được xem; không hiện lại được.");
        }

        await audit.RecordAsync(AuditActions.SecretRevealed, secret.Reference, secret.Label, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return value;
    }

    /// <summary>
    /// The agency's active applications and SSO clients, as the cancellation forms offer them, keyed by the
    /// forms' UI hints.
    /// </summary>
    public async Task<Dictionary<string, IReadOnlyList<KeyValuePair<string, string>>>> ChoicesAsync(
        string agencyId, CancellationToken cancellationToken)
    {
        var me = await actors.CurrentAsync(cancellationToken);
        if (!me.BelongsTo(agencyId) && !me.IsStaff)
        {
            return [];
        }

        var applications = await db.Applications.AsNoTracking()
            .Where(a => a.AgencyId == agencyId && a.RevokedUtc == null)
            .OrderBy(a => a.Name)
            .Select(a => new KeyValuePair<string, string>(a.AccessKeyId, a.Name + " (" + a.AccessKeyId + ")"))
            .ToListAsync(cancellationToken);
        var clients = await db.SsoClients.AsNoTracking()
            .Where(c => c.AgencyId == agencyId && c.RevokedUtc == null)
            .OrderBy(c => c.Name)
            .Select(c => new KeyValuePair<string, string>(c.ClientId, c.Name + " (" + c.ClientId + ")"))
            .ToListAsync(cancellationToken);
        return new()
        {
            ["application"] = applications,
            ["sso-client"] = clients,
        };
    }

    private static void Prefill(
        DepartmentReply reply, AgencyRequestForm form, string agencyId, PlatformSettings platform)
    {
        var account = $"{agencyId.ToLowerInvariant()}@{platform.EmailDomain}";
        switch (reply, form)
        {
            case (ApplicationRegisteredReply r, RegisterApplicationForm f):
                r.ApplicationName = f.ApplicationName;
                break;
            case (ApplicationCancelledReply r, CancelApplicationForm f):
                r.ApplicationName = f.ApplicationName;
                break;
            case (SsoRegisteredReply r, RegisterSsoForm f):
                r.ApplicationName = f.ApplicationName;
                break;
            case (SsoCancelledReply r, CancelSsoForm f):
                r.ApplicationName = f.ApplicationName;
                break;
            case (LgspAccountProvidedReply r, _):
                r.AdministratorAccount = account;
                break;
            case (SsoAccountProvidedReply r, _):
                r.AdministratorAccount = $"sso.{account}";
                break;
        }
    }
}
