using Lgsp.Forms.Catalog;
using Lgsp.Forms.Requests;
using Lgsp.Portal.Data;
using Lgsp.Portal.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Lgsp.Portal.Requests;

/// <summary>
/// Tells the people who act next that a request moved: Specialists of a new submission, Directors of a draft to
/// approve, the agency of a return, an answer or a handover. Notices are staged in the step's transaction, so a
/// refused step leaves none; e-mail copies go out after it commits, when SMTP is configured.
/// </summary>
public sealed class RequestNotices(
    PortalDbContext db,
    UserManager<PortalUser> users,
    NotificationMailer mailer,
    TimeProvider time)
{
    private readonly List<(string Email, string Text)> _mail = [];

    /// <summary>Stages the notices of one step.</summary>
    public async Task StageAsync(ServiceRequest request, RequestAction action, string? comment)
    {
        var label = $"{FormCatalog.Get(request.Kind).Label} \"{request.Title}\"";
        var agency = await db.Agencies.AsNoTracking().Where(a => a.Id == request.AgencyId).Select(a => a.Name)
            .SingleOrDefaultAsync() ?? request.AgencyId;
        var (recipients, text) = action switch
        {
            RequestAction.Submit => (await InRoleAsync(Roles.Specialist),
                $"Hồ sơ {label} của {agency} vừa được gửi đến Sở."),
            RequestAction.ReturnForCompletion => (await AgencyAsync(request),
                $"Sở yêu cầu bổ sung hồ sơ {label}: {comment}"),
            RequestAction.Accept => (await AgencyAsync(request),
                $"Sở đã tiếp nhận hồ sơ {label}; hạn trả lời {VietnamTime.FormatDate(request.DueDate)}."),
            RequestAction.DraftReply => (await InRoleAsync(Roles.Director),
                $"Dự thảo trả lời hồ sơ {label} chờ Giám đốc phê duyệt."),
            RequestAction.SendBack => (await AssignedAsync(request),
                $"Giám đốc trả lại dự thảo trả lời hồ sơ {label}: {comment}"),
            RequestAction.Issue => ([.. await AgencyAsync(request), .. await AssignedAsync(request)],
                $"Sở đã ban hành văn bản trả lời số {request.ReplyNumber} cho hồ sơ {label}."),
            RequestAction.Refuse => ([.. await AgencyAsync(request), .. await AssignedAsync(request)],
                $"Sở từ chối hồ sơ {label} bằng văn bản số {request.ReplyNumber}."),
            RequestAction.ScheduleHandover => (await AgencyAsync(request),
                $"Hẹn bàn giao tài khoản theo hồ sơ {label}: {comment}."),
            RequestAction.RecordHandover => (await AgencyAsync(request), $"Đã bàn giao theo hồ sơ {label}."),
            _ => ([], ""),
        };
        Stage(request, recipients, text);
    }

    /// <summary>Stages a request to the agency's heads to sign and send; returns how many heads there are.</summary>
    public async Task<int> StageForHeadsAsync(ServiceRequest request, string askedBy)
    {
        var heads = (await users.GetUsersInRoleAsync(Roles.AgencyHead))
            .Where(u => u.AgencyId == request.AgencyId && Active(u)).ToList();
        Stage(request, heads, $"{askedBy} trình ký hồ sơ {FormCatalog.Get(request.Kind).Label} \"{request.Title}\": "
            + "đề nghị lãnh đạo xem, ký số và gửi Sở.");
        return heads.Count;
    }

    /// <summary>Stages the notice that party B signed the minutes, to the Specialist and the agency.</summary>
    public async Task StageMinutesSignedAsync(ServiceRequest request) =>
        Stage(request, [.. await AssignedAsync(request), .. await AgencyAsync(request)],
            $"Biên bản bàn giao số {request.MinutesNumber} đã có chữ ký của cả hai bên.");

    private void Stage(ServiceRequest request, IEnumerable<PortalUser> recipients, string text)
    {
        foreach (var user in recipients.DistinctBy(u => u.Id))
        {
            db.Notifications.Add(new PortalNotification
            {
                UserId = user.Id,
                Key = $"step:{Guid.NewGuid():N}",
                Text = text,
                Link = $"/requests/{request.Id}",
                CreatedUtc = time.GetUtcNow().UtcDateTime,
            });
            if (user.Email is { Length: > 0 } email)
            {
                _mail.Add((email, text));
            }
        }
    }

    /// <summary>Sends the e-mail copies of the committed step's notices.</summary>
    public async Task SendAsync(CancellationToken cancellationToken)
    {
        var pending = _mail.ToList();
        _mail.Clear();
        foreach (var (email, text) in pending)
        {
            await mailer.SendAsync(email, "Hồ sơ đề nghị LGSP", text, cancellationToken);
        }
    }

    /// <summary>Forgets the e-mail copies of a step that did not commit.</summary>
    public void Discard() => _mail.Clear();

    private async Task<List<PortalUser>> InRoleAsync(string role) =>
        [.. (await users.GetUsersInRoleAsync(role)).Where(Active)];

    private async Task<List<PortalUser>> AgencyAsync(ServiceRequest request)
    {
        var officers = await users.GetUsersInRoleAsync(Roles.AgencyOfficer);
        var heads = await users.GetUsersInRoleAsync(Roles.AgencyHead);
        return [.. officers.Concat(heads).Where(u => u.AgencyId == request.AgencyId && Active(u))];
    }

    private bool Active(PortalUser user) => user.LockoutEnd is null || user.LockoutEnd < time.GetUtcNow();

    private async Task<List<PortalUser>> AssignedAsync(ServiceRequest request) =>
        request.AssignedSpecialist is { } id && await users.FindByIdAsync(id) is { } user ? [user] : [];
}
