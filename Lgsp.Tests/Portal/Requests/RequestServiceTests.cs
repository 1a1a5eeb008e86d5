using Lgsp.Broker.Applications;
using Lgsp.Forms.Catalog;
using Lgsp.Forms.Content;
using Lgsp.Forms.Requests;
using Lgsp.Portal.Audit;
using Lgsp.Portal.Data;
using Lgsp.Portal.Identity;
using Lgsp.Portal.Requests;
using Lgsp.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Tests.Portal.Requests;

[Collection(WebCollection.Name)]
public sealed class RequestServiceTests : IAsyncLifetime
{
    private const string Agency = "000.00.15.H06";
    private const string OtherAgency = "000.00.02.H06";
    private const string Officer = "vanthu.syt@bacgiang.gov.vn";
    private const string Stranger = "vanthu.snv@bacgiang.gov.vn";
    private const string Specialist = "chuyenvien@bacgiang.gov.vn";
    private const string Director = "giamdoc@bacgiang.gov.vn";

    // Monday 07/12/2026, 09:00 in Vietnam: a working day, so handovers can be held "today".
    private readonly ManualClock _clock = new(ManualClock.At(2026, 12, 7, 9, 0));
    private readonly PortalFactory _portal;

    public RequestServiceTests() => _portal = new PortalFactory(clock: _clock);

    public async Task InitializeAsync()
    {
        await _portal.CreateUserAsync(Officer, Roles.AgencyHead, Agency);
        await _portal.CreateUserAsync(Stranger, Roles.AgencyHead, OtherAgency);
        await _portal.CreateUserAsync(Specialist, Roles.Specialist);
        await _portal.CreateUserAsync(Director, Roles.Director);
    }

    public Task DisposeAsync()
    {
        _portal.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task RegisterApplication_Issued_RegistersTheKeyForTheBroker_AndShowsTheSecretOnce()
    {
        var id = await SubmittedAsync(FormsFor.Registration());

        await IssueAsync(id, reply => ((SupportedReply)reply).SupportName = "Nguyễn Thị Hoa");

        var details = await AsAsync(Officer, s => s.GetAsync(id, default));
        Assert.Equal(RequestStatus.Issued, details.Summary.Status);
        Assert.Equal("01/STTTT-CNTT&TT", details.ReplyNumber);
        var secret = await AsAsync(Officer, s => s.RevealSecretAsync(id, details.Secrets[0].Id, default));
        var again = await Assert.ThrowsAsync<RequestRuleException>(() =>
            AsAsync(Officer, s => s.RevealSecretAsync(id, details.Secrets[0].Id, default)));
        Assert.Contains("đã được xem", again.Message, StringComparison.Ordinal);
        var registered = await RegistryAsync(details.Outcome!);
        Assert.Equal(secret, registered!.Secret);
        Assert.Equal(Agency, registered.AgencyId);
    }

    [Fact]
    public async Task Documents_ReplyIsADraftUntilIssued_ThenCarriesItsNumber_AndOthersCannotHaveIt()
    {
        var id = await SubmittedAsync(FormsFor.Registration());
        var version = await DraftedAsync(id);
        var draft = await DocumentAsync(Specialist, id, "reply");
        await Assert.ThrowsAsync<RequestNotFoundException>(() =>
            DocumentAsync(Officer, id, "reply"));

        await AsAsync(Director, s => s.ApproveAsync(id, version, default));

        var issued = await DocumentAsync(Officer, id, "reply");
        Assert.Contains("DỰTHẢO", Pdf.Text(draft.Pdf), StringComparison.Ordinal);
        var text = Pdf.Text(issued.Pdf);
        Assert.Contains("Số:01/STTTT-CNTT&TT", text, StringComparison.Ordinal);
        Assert.DoesNotContain("DỰTHẢO", text, StringComparison.Ordinal);
        await Assert.ThrowsAsync<RequestNotFoundException>(() =>
            DocumentAsync(Stranger, id, "reply"));
    }

    [Fact]
    public async Task Approve_SignsTheReplyAsTheDirector_AndRegistersItsHash()
    {
        var id = await SubmittedAsync(FormsFor.Registration());
        await IssueAsync(id);

        var reply = await DocumentAsync(Officer, id, "reply");
        var again = await DocumentAsync(Officer, id, "reply");

        Assert.Equal(reply.Pdf, again.Pdf);
        var report = await Pdf.SignaturesAsync(reply.Pdf);
        Assert.Contains("Signature is Valid", report, StringComparison.Ordinal);
        Assert.Contains("Người thử nghiệm", report, StringComparison.Ordinal);
        await using var scope = _portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var stored = await db.IssuedDocuments.SingleAsync(d => d.RequestId == id && d.Document == "reply");
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(reply.Pdf)), stored.Sha256);
        Assert.Equal("01/STTTT-CNTT&TT", stored.Number);
        Assert.Matches("^[A-Z2-9]{4}-[A-Z2-9]{4}$", stored.VerificationCode);
        Assert.Contains($"Mãkiểmtra:{stored.VerificationCode}", Pdf.Text(reply.Pdf), StringComparison.Ordinal);
        Assert.Contains($"verify?code={stored.VerificationCode}", Pdf.Text(reply.Pdf), StringComparison.Ordinal);
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == AuditActions.SigningCertificateIssued));
    }

    [Fact]
    public async Task CancelApplication_Issued_RevokesTheKeyAtOnce()
    {
        var registration = await SubmittedAsync(FormsFor.Registration());
        await IssueAsync(registration);
        var accessKeyId = (await AsAsync(Officer, s => s.GetAsync(registration, default))).Outcome!;
        var cancel = await SubmittedAsync(FormsFor.Cancellation(accessKeyId));

        await IssueAsync(cancel);

        Assert.Null(await RegistryAsync(accessKeyId));
        var details = await AsAsync(Officer, s => s.GetAsync(cancel, default));
        Assert.Equal("Quản lý văn bản", ((CancelApplicationForm)details.Form).ApplicationName);
        Assert.Equal("02/STTTT-CNTT&TT", details.ReplyNumber);
    }

    [Fact]
    public async Task CancelApplication_OfAnotherAgencysKey_IsRefusedAtSubmission()
    {
        var registration = await SubmittedAsync(FormsFor.Registration());
        await IssueAsync(registration);
        var accessKeyId = (await AsAsync(Officer, s => s.GetAsync(registration, default))).Outcome!;
        var id = await AsAsync(Stranger, s => s.CreateDraftAsync(FormKind.CancelApplication, default));
        var version = (await AsAsync(Stranger, s => s.GetAsync(id, default))).Version;

        var refused = await Assert.ThrowsAsync<RequestRuleException>(() => AsAsync(Stranger,
            s => s.SubmitAsync(id, version, FormsFor.Cancellation(accessKeyId), default)));

        Assert.Contains(accessKeyId, refused.Message, StringComparison.Ordinal);
        Assert.NotNull(await RegistryAsync(accessKeyId));
    }

    [Fact]
    public async Task RequestAccount_IssuedThenHandedOver_CreatesTheAccountAndNumbersTheMinutes()
    {
        var id = await SubmittedAsync(FormsFor.Grounded(new RequestLgspAccountForm()));
        await IssueAsync(id);
        var account = (await AsAsync(Officer, s => s.GetAsync(id, default))).Outcome!;

        var minutes = await AsAsync(Specialist, s => s.MinutesDraftAsync(id, default));
        minutes.HandoverDate = new DateTime(2026, 12, 8);
        minutes.HandoverTime = new TimeSpan(9, 30, 0);
        minutes.ReplyNumber = "99/GIA-MAO";
        var version = (await AsAsync(Specialist, s => s.GetAsync(id, default))).Version;
        var incomplete = await Assert.ThrowsAsync<FormInvalidException>(() =>
            AsAsync(Specialist, s => s.ScheduleHandoverAsync(id, version, minutes, default)));
        minutes.PartyAName = "Phạm Văn Nam";
        minutes.PartyAPosition = "Phó Giám đốc Trung tâm";
        version = await AsAsync(Specialist, s => s.ScheduleHandoverAsync(id, version, minutes, default));
        var early = await Assert.ThrowsAsync<FormInvalidException>(() =>
            AsAsync(Specialist, s => s.RecordHandoverAsync(id, version, minutes, default)));
        _clock.Now = ManualClock.At(2026, 12, 8, 10, 0);
        await AsAsync(Specialist, s => s.RecordHandoverAsync(id, version, minutes, default));

        Assert.Contains(early.Errors, e => e.Message.StartsWith("Chưa đến ngày bàn giao", StringComparison.Ordinal));
        Assert.Contains(incomplete.Errors, e => e.Field == "PartyAPosition");
        Assert.Equal($"{Agency.ToLowerInvariant()}@bacgiang.gov.vn", account);
        var details = await AsAsync(Officer, s => s.GetAsync(id, default));
        Assert.Equal(RequestStatus.Completed, details.Summary.Status);
        Assert.Equal("01/BB-CNTT&TT", details.MinutesNumber);
        Assert.Equal("01/STTTT-CNTT&TT", details.Minutes!.ReplyNumber);
        await using var scope = _portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var created = await users.FindByNameAsync(account);
        Assert.NotNull(created);
        Assert.Equal(Agency, created.AgencyId);
        Assert.True(await users.IsInRoleAsync(created, Roles.AgencyHead));
    }

    [Fact]
    public async Task RequestSsoAccount_IssuedThenHandedOver_UsesTheSsoMinutes()
    {
        var id = await SubmittedAsync(FormsFor.Grounded(new RequestSsoAccountForm()));
        await IssueAsync(id);
        var minutes = await AsAsync(Specialist, s => s.MinutesDraftAsync(id, default));
        minutes.HandoverDate = new DateTime(2026, 12, 7);
        minutes.HandoverTime = new TimeSpan(14, 0, 0);
        minutes.PartyAName = "Phạm Văn Nam";
        minutes.PartyAPosition = "Phó Giám đốc Trung tâm";
        var version = (await AsAsync(Specialist, s => s.GetAsync(id, default))).Version;

        version = await AsAsync(Specialist, s => s.ScheduleHandoverAsync(id, version, minutes, default));
        await AsAsync(Specialist, s => s.RecordHandoverAsync(id, version, minutes, default));

        var details = await AsAsync(Officer, s => s.GetAsync(id, default));
        Assert.IsType<SsoHandoverMinutes>(details.Minutes);
        Assert.IsType<SsoAccountProvidedReply>(details.Reply);
        Assert.Equal($"sso.{Agency.ToLowerInvariant()}@bacgiang.gov.vn", details.Outcome);
        Assert.Equal(RequestStatus.Completed, details.Summary.Status);
        Assert.Equal("Mật khẩu dùng một lần của tài khoản quản trị", Assert.Single(details.Secrets).Label);
    }

    [Fact]
    public async Task Handover_OnAWeekendOrOutsideOfficeHours_IsRefused()
    {
        var id = await SubmittedAsync(FormsFor.Grounded(new RequestLgspAccountForm()));
        await IssueAsync(id);
        var minutes = await AsAsync(Specialist, s => s.MinutesDraftAsync(id, default));
        minutes.HandoverDate = new DateTime(2026, 12, 12);
        minutes.HandoverTime = new TimeSpan(20, 0, 0);
        minutes.PartyAName = "Phạm Văn Nam";
        minutes.PartyAPosition = "Phó Giám đốc Trung tâm";
        var version = (await AsAsync(Specialist, s => s.GetAsync(id, default))).Version;

        var refused = await Assert.ThrowsAsync<FormInvalidException>(() =>
            AsAsync(Specialist, s => s.ScheduleHandoverAsync(id, version, minutes, default)));

        Assert.Contains(refused.Errors, e => e.Field == "HandoverDate" && e.Message.Contains("không phải ngày làm việc",
            StringComparison.Ordinal));
        Assert.Contains(refused.Errors, e => e.Field == "HandoverTime");
        minutes.HandoverDate = new DateTime(2026, 12, 8);
        minutes.HandoverTime = new TimeSpan(12, 0, 0);
        var lunch = await Assert.ThrowsAsync<FormInvalidException>(() =>
            AsAsync(Specialist, s => s.ScheduleHandoverAsync(id, version, minutes, default)));
        Assert.Equal("HandoverTime", Assert.Single(lunch.Errors).Field);
        Assert.Equal(RequestStatus.Issued, (await AsAsync(Specialist, s => s.GetAsync(id, default))).Summary.Status);
    }

    [Fact]
    public async Task SecondCancellationOfTheSameKey_IsRefusedWhileTheFirstIsOpen()
    {
        var registration = await SubmittedAsync(FormsFor.Registration());
        await IssueAsync(registration);
        var accessKeyId = (await AsAsync(Officer, s => s.GetAsync(registration, default))).Outcome!;
        await SubmittedAsync(FormsFor.Cancellation(accessKeyId));

        var refused = await Assert.ThrowsAsync<RequestRuleException>(() =>
            SubmittedAsync(FormsFor.Cancellation(accessKeyId)));

        Assert.Contains("đang được xử lý", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccountOutsideTheProvinceDomain_IsRefusedInTheDraft()
    {
        var id = await SubmittedAsync(FormsFor.Grounded(new RequestSsoAccountForm()));

        var refused = await Assert.ThrowsAsync<FormInvalidException>(() => DraftedAsync(id,
            reply => ((SsoAccountProvidedReply)reply).AdministratorAccount = "quantri.sso@gmail.com"));

        var error = Assert.Single(refused.Errors);
        Assert.Equal(nameof(SsoAccountProvidedReply.AdministratorAccount), error.Field);
        Assert.Contains("bacgiang.gov.vn", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SsoRegistration_IssuedThenCancelled_RecordsAndRevokesTheClient()
    {
        var id = await SubmittedAsync(FormsFor.Sso());
        await IssueAsync(id, reply =>
        {
            var sso = (SsoRegisteredReply)reply;
            sso.SsoSignInUrl = "https://sso.bacgiang.gov.vn/dang-nhap";
            sso.SsoSignOutUrl = "https://sso.bacgiang.gov.vn/dang-xuat";
        });
        var clientId = (await AsAsync(Officer, s => s.GetAsync(id, default))).Outcome!;
        var cancel = FormsFor.Common(new CancelSsoForm { ClientId = clientId });

        await IssueAsync(await SubmittedAsync(cancel));

        await using var scope = _portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var client = await db.SsoClients.SingleAsync(c => c.ClientId == clientId);
        Assert.Equal("https://app.syt.bacgiang.gov.vn/signin-oidc", client.CallbackUrls);
        Assert.NotNull(client.RevokedUtc);
    }

    [Fact]
    public async Task AnotherAgency_CannotSeeTheRequest_ItIsNotFound()
    {
        var id = await SubmittedAsync(FormsFor.Registration());

        await Assert.ThrowsAsync<RequestNotFoundException>(() => AsAsync(Stranger, s => s.GetAsync(id, default)));
        var list = await AsAsync(Stranger, s => s.ListAsync(default));

        Assert.DoesNotContain(list, r => r.Id == id);
        Assert.Contains(await AsAsync(Specialist, s => s.ListAsync(default)), r => r.Id == id);
    }

    [Fact]
    public async Task AnotherAgency_DownloadingAnAttachment_Gets404()
    {
        var id = await AsAsync(Officer, s => s.CreateDraftAsync(FormKind.RegisterApplication, default));
        var version = (await AsAsync(Officer, s => s.GetAsync(id, default))).Version;
        await AsAsync(Officer, s => s.AttachAsync(id, version, "mo-ta-ky-thuat.pdf", "application/pdf",
            new MemoryStream("%PDF-1.7 mô tả"u8.ToArray()), default));
        var fileId = (await AsAsync(Officer, s => s.GetAsync(id, default))).Attachments.Single().Id;
        var stranger = _portal.CreateBrowserlikeClient();
        await PortalFactory.SignInAsync(stranger, Stranger, "Matkhau-Thu-2026");
        var owner = _portal.CreateBrowserlikeClient();
        await PortalFactory.SignInAsync(owner, Officer, "Matkhau-Thu-2026");

        var refused = await stranger.GetAsync($"/requests/{id}/files/{fileId}");
        var own = await owner.GetAsync($"/requests/{id}/files/{fileId}");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("%PDF-1.7 mô tả"u8.ToArray(), await own.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", own.Content.Headers.ContentDisposition?.DispositionType);
    }

    [Fact]
    public async Task Attach_ForbiddenTypeOrTooLarge_IsRefusedAndNothingIsStored()
    {
        var id = await AsAsync(Officer, s => s.CreateDraftAsync(FormKind.RegisterApplication, default));
        var version = (await AsAsync(Officer, s => s.GetAsync(id, default))).Version;

        var exe = await Assert.ThrowsAsync<RequestRuleException>(() => AsAsync(Officer, s => s.AttachAsync(
            id, version, "setup.exe", "application/octet-stream", new MemoryStream([1, 2, 3]), default)));
        var big = await Assert.ThrowsAsync<RequestRuleException>(() => AsAsync(Officer, s => s.AttachAsync(
            id, version, "lon.pdf", "application/pdf",
            new MemoryStream(new byte[RequestService.MaxAttachmentBytes + 1]), default)));

        Assert.Contains(".pdf", exe.Message, StringComparison.Ordinal);
        Assert.Contains("10 MB", big.Message, StringComparison.Ordinal);
        Assert.Empty((await AsAsync(Officer, s => s.GetAsync(id, default))).Attachments);
    }

    [Fact]
    public async Task StaffDoNotSeeDrafts()
    {
        var id = await AsAsync(Officer, s => s.CreateDraftAsync(FormKind.RegisterApplication, default));

        await Assert.ThrowsAsync<RequestNotFoundException>(() => AsAsync(Specialist, s => s.GetAsync(id, default)));
    }

    [Fact]
    public async Task ReturnForCompletion_StopsTheClock_ResubmissionStartsIt()
    {
        var id = await SubmittedAsync(FormsFor.Registration());
        var version = (await AsAsync(Specialist, s => s.GetAsync(id, default))).Version;

        version = await AsAsync(Specialist, s => s.ReturnForCompletionAsync(id, version, "Bổ sung kế hoạch", default));
        var returned = await AsAsync(Officer, s => s.GetAsync(id, default));
        await AsAsync(Officer, s => s.SubmitAsync(id, version, FormsFor.Registration(), default));
        var resubmitted = await AsAsync(Officer, s => s.GetAsync(id, default));

        Assert.Null(returned.Summary.DueDate);
        Assert.Equal("Tạm dừng", returned.Summary.DeadlineText);
        Assert.True(returned.CanEditForm);
        Assert.NotNull(resubmitted.Summary.DueDate);
        Assert.Contains(resubmitted.Timeline, step => step.Comment == "Bổ sung kế hoạch");
        Assert.Equal(RequestStatus.Submitted, resubmitted.Summary.Status);
    }

    [Fact]
    public async Task DraftReplyAndSendBackComment_StayInternalUntilTheReplyIsIssued()
    {
        var id = await SubmittedAsync(FormsFor.Registration());
        var version = await DraftedAsync(id);
        version = await AsAsync(Director, s => s.SendBackAsync(id, version, "Sửa lại đầu mối hỗ trợ", default));

        var agencyView = await AsAsync(Officer, s => s.GetAsync(id, default));
        var staffView = await AsAsync(Specialist, s => s.GetAsync(id, default));

        Assert.Null(agencyView.Reply);
        Assert.Equal(RequestStatus.Accepted, agencyView.Summary.Status);
        Assert.DoesNotContain(agencyView.Timeline, step => step.StatusAfter is RequestStatus.ReplyDrafted
            or RequestStatus.ReplySentBack);
        Assert.DoesNotContain(agencyView.Timeline, step => step.Comment == "Sửa lại đầu mối hỗ trợ");
        Assert.Equal(RequestStatus.ReplySentBack, staffView.Summary.Status);
        Assert.NotNull(staffView.Reply);
        Assert.Contains(staffView.Timeline, step => step.Comment == "Sửa lại đầu mối hỗ trợ");
        Assert.Contains(RequestAction.DraftReply, staffView.Actions);
    }

    [Fact]
    public async Task EachStep_NotifiesWhoActsNext()
    {
        var id = await SubmittedAsync(FormsFor.Registration());
        var afterSubmit = await NoticesAsync(Specialist);
        var version = await DraftedAsync(id);
        var afterDraft = await NoticesAsync(Director);

        await AsAsync(Director, s => s.ApproveAsync(id, version, default));

        Assert.Contains("vừa được gửi đến Sở", Assert.Single(afterSubmit), StringComparison.Ordinal);
        Assert.Contains("chờ Giám đốc phê duyệt", Assert.Single(afterDraft), StringComparison.Ordinal);
        var agency = await NoticesAsync(Officer);
        Assert.Contains(agency, text => text.Contains("đã tiếp nhận", StringComparison.Ordinal));
        Assert.Contains(agency, text => text.Contains("số 01/STTTT-CNTT&TT", StringComparison.Ordinal));
        Assert.Empty(await NoticesAsync(Stranger));
    }

    [Fact]
    public async Task StaleVersion_IsRefusedWithAConflict_AndChangesNothing()
    {
        var id = await SubmittedAsync(FormsFor.Registration());
        var version = (await AsAsync(Specialist, s => s.GetAsync(id, default))).Version;
        await AsAsync(Specialist, s => s.AcceptAsync(id, version, default));

        await Assert.ThrowsAsync<RequestConflictException>(() =>
            AsAsync(Specialist, s => s.ReturnForCompletionAsync(id, version, "Thiếu", default)));

        Assert.Equal(RequestStatus.Accepted, (await AsAsync(Officer, s => s.GetAsync(id, default))).Summary.Status);
    }

    [Fact]
    public async Task TwoDirectorsApprovingAtOnce_OnlyOneSucceeds_AndOneNumberIsUsed()
    {
        await _portal.CreateUserAsync("phogiamdoc@bacgiang.gov.vn", Roles.Director);
        var id = await SubmittedAsync(FormsFor.Registration());
        var version = await DraftedAsync(id);

        var attempts = await Task.WhenAll(
            Attempt(() => AsAsync(Director, s => s.ApproveAsync(id, version, default))),
            Attempt(() => AsAsync("phogiamdoc@bacgiang.gov.vn", s => s.ApproveAsync(id, version, default))));

        Assert.Single(attempts, a => a is null);
        Assert.Single(attempts, a => a is RequestConflictException);
        await using var scope = _portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        Assert.Equal(1, (await db.DocumentCounters.SingleAsync()).Last);
        Assert.Single(await db.Applications.ToListAsync());
    }

    [Fact]
    public async Task WrongParty_IsForbidden_AndTheStatusStays()
    {
        var id = await SubmittedAsync(FormsFor.Registration());
        var version = (await AsAsync(Officer, s => s.GetAsync(id, default))).Version;

        await Assert.ThrowsAsync<ForbiddenActionException>(
            () => AsAsync(Officer, s => s.AcceptAsync(id, version, default)));
        await Assert.ThrowsAsync<ForbiddenActionException>(
            () => AsAsync(Director, s => s.AcceptAsync(id, version, default)));
        await Assert.ThrowsAsync<IllegalTransitionException>(() =>
            AsAsync(Director, s => s.ApproveAsync(id, version, default)));
    }

    [Fact]
    public async Task IncompleteSubmission_IsRefusedField_ByField_AndStaysADraft()
    {
        var id = await AsAsync(Officer, s => s.CreateDraftAsync(FormKind.RegisterApplication, default));
        var details = await AsAsync(Officer, s => s.GetAsync(id, default));

        var refused = await Assert.ThrowsAsync<FormInvalidException>(() =>
            AsAsync(Officer, s => s.SubmitAsync(id, details.Version, details.Form, default)));

        Assert.Contains(refused.Errors, e => e.Field == nameof(RegisterApplicationForm.ApplicationName));
        var form = (RegisterApplicationForm)details.Form;
        Assert.Equal("Sở Y tế", form.AgencyName);
        Assert.Equal(Officer, form.ContactEmail);
        Assert.Equal(RequestStatus.Draft, (await AsAsync(Officer, s => s.GetAsync(id, default))).Summary.Status);
    }

    [Fact]
    public async Task Refusal_IssuesANumberedLetter_AndNoKey()
    {
        var id = await SubmittedAsync(FormsFor.Registration());

        await IssueAsync(id, reply =>
        {
            reply.Refused = true;
            reply.RefusalReason = "Ứng dụng chưa đáp ứng yêu cầu an toàn thông tin cấp độ 2.";
        });

        var details = await AsAsync(Officer, s => s.GetAsync(id, default));
        Assert.Equal(RequestStatus.Refused, details.Summary.Status);
        Assert.Equal("01/STTTT-CNTT&TT", details.ReplyNumber);
        Assert.Null(details.Outcome);
        Assert.Empty(details.Secrets);
    }

    [Fact]
    public async Task Submit_ByTheHead_SignsTheRequestLetterWithTheAgencysSeal_AndAnOfficerMustAskTheHead()
    {
        const string clerk = "chuyenvien.syt@bacgiang.gov.vn";
        await _portal.CreateUserAsync(clerk, Roles.AgencyOfficer, Agency);
        await using (var scope = _portal.ScopeActingAs(Officer))
        {
            var head = await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>()
                .FindByNameAsync(Officer);
            await scope.ServiceProvider.GetRequiredService<Lgsp.Portal.Letters.SignatureImages>()
                .SetAsync(Lgsp.Portal.Letters.SignatureImages.OfAgency(Agency), Png.Seal(), head!, default);
        }

        var id = await AsAsync(clerk, s => s.CreateDraftAsync(FormKind.RegisterApplication, default));
        var draft = await AsAsync(clerk, s => s.GetAsync(id, default));
        var version = draft.Version;
        var refused = await Assert.ThrowsAsync<RequestRuleException>(() =>
            AsAsync(clerk, s => s.SubmitAsync(id, version, FormsFor.Registration(), default)));
        var incomplete = FormsFor.Registration();
        incomplete.ApplicationName = "";
        var unfinished = await Assert.ThrowsAsync<FormInvalidException>(() =>
            AsAsync(clerk, s => s.AskHeadToSignAsync(id, version, incomplete, default)));
        version = await AsAsync(clerk, s => s.AskHeadToSignAsync(id, version, FormsFor.Registration(), default));
        var twice = await Attempt(() => AsAsync(clerk, s => s.AskHeadToSignAsync(id, Guid.NewGuid(),
            FormsFor.Registration(), default)));
        var asked = await AsAsync(clerk, s => s.GetAsync(id, default));
        await AsAsync(Officer, s => s.SubmitAsync(id, version, FormsFor.Registration(), default));

        Assert.Contains("lãnh đạo cơ quan ký số", refused.Message, StringComparison.Ordinal);
        Assert.Contains(unfinished.Errors, e => e.Field == "ApplicationName");
        Assert.IsType<RequestConflictException>(twice);
        Assert.Single(asked.Timeline, t => t.Label == "Trình lãnh đạo ký");
        Assert.True(asked.Signing.MustAskHead);
        Assert.Equal(RequestStatus.Draft, asked.Summary.Status);
        Assert.Contains(await NoticesAsync(Officer), n => n.Contains("trình ký", StringComparison.Ordinal));
        var letter = await DocumentAsync(Specialist, id, "request");
        var signature = Assert.Single(Lgsp.Forms.Letters.SignatureVerifier.Verify(letter.Pdf));
        Assert.True(signature.Valid);
        Assert.True(signature.CoversWholeFile);
        Assert.Equal("Người thử nghiệm", signature.Signer);
        Assert.Contains("/Subtype /Image/SMask", System.Text.Encoding.Latin1.GetString(letter.Pdf),
            StringComparison.Ordinal);
        Assert.Equal("Ủy ban nhân dân tỉnh Bắc Giang", ((AgencyRequestForm)draft.Form).ParentBodyName);
        Assert.Contains(Pdf.Compact("UBND TỈNH BẮC GIANG SỞ Y TẾ"), Pdf.Text(letter.Pdf), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Minutes_SignedByPartyAAtTheHandover_ThenByTheAgencyAsPartyB_KeepBothSignaturesValid()
    {
        var id = await SubmittedAsync(FormsFor.Grounded(new RequestLgspAccountForm()));
        await IssueAsync(id);
        var minutes = await AsAsync(Specialist, s => s.MinutesDraftAsync(id, default));
        minutes.HandoverDate = new DateTime(2026, 12, 7);
        minutes.HandoverTime = new TimeSpan(14, 0, 0);
        minutes.PartyAName = "Phạm Văn Nam";
        minutes.PartyAPosition = "Phó Giám đốc Trung tâm";
        var version = (await AsAsync(Specialist, s => s.GetAsync(id, default))).Version;
        version = await AsAsync(Specialist, s => s.ScheduleHandoverAsync(id, version, minutes, default));
        version = await AsAsync(Specialist, s => s.RecordHandoverAsync(id, version, minutes, default));
        var afterA = await AsAsync(Officer, s => s.GetAsync(id, default));
        var byStaff = await Attempt(() => AsAsync(Specialist, s => s.SignMinutesAsync(id, afterA.Version, default)));
        var byStranger = await Attempt(() => AsAsync(Stranger, s => s.SignMinutesAsync(id, afterA.Version, default)));

        await AsAsync(Officer, s => s.SignMinutesAsync(id, afterA.Version, default));

        var afterB = await AsAsync(Officer, s => s.GetAsync(id, default));
        var twice = await Attempt(() => AsAsync(Officer, s => s.SignMinutesAsync(id, afterB.Version, default)));
        Assert.Equal(1, afterA.Signing.MinutesSignatures);
        Assert.True(afterA.Signing.CanSignMinutes);
        Assert.IsType<ForbiddenActionException>(byStaff);
        Assert.IsType<RequestNotFoundException>(byStranger);
        Assert.Equal(2, afterB.Signing.MinutesSignatures);
        Assert.False(afterB.Signing.CanSignMinutes);
        Assert.IsType<RequestRuleException>(twice);
        var pdf = (await DocumentAsync(Specialist, id, "minutes")).Pdf;
        var signatures = Lgsp.Forms.Letters.SignatureVerifier.Verify(pdf);
        Assert.Equal(2, signatures.Count);
        Assert.All(signatures, s => Assert.True(s.Valid));
        Assert.Equal([false, true], signatures.Select(s => s.CoversWholeFile));
        Assert.Contains(afterB.Timeline, t => t.Label == "Bên B ký biên bản");
    }

    private async Task<Guid> SubmittedAsync(AgencyRequestForm form)
    {
        var id = await AsAsync(Officer, s => s.CreateDraftAsync(form.Kind, default));
        var version = (await AsAsync(Officer, s => s.GetAsync(id, default))).Version;
        await AsAsync(Officer, s => s.SubmitAsync(id, version, form, default));
        return id;
    }

    private async Task<Guid> DraftedAsync(Guid id, Action<DepartmentReply>? edit = null)
    {
        var version = (await AsAsync(Specialist, s => s.GetAsync(id, default))).Version;
        version = await AsAsync(Specialist, s => s.AcceptAsync(id, version, default));
        var reply = await AsAsync(Specialist, s => s.ReplyDraftAsync(id, default));
        reply.SignerName = "Trần Văn Minh";
        if (reply is SupportedReply supported)
        {
            supported.SupportName = "Nguyễn Thị Hoa";
            supported.SupportMobile = "0987654321";
        }

        edit?.Invoke(reply);
        return await AsAsync(Specialist, s => s.DraftReplyAsync(id, version, reply, default));
    }

    private async Task IssueAsync(Guid id, Action<DepartmentReply>? edit = null)
    {
        var version = await DraftedAsync(id, edit);
        await AsAsync(Director, s => s.ApproveAsync(id, version, default));
    }

    private async Task<T> AsAsync<T>(string user, Func<RequestService, Task<T>> action)
    {
        await using var scope = _portal.ScopeActingAs(user);
        return await action(scope.ServiceProvider.GetRequiredService<RequestService>());
    }

    private async Task<RenderedDocument> DocumentAsync(string user, Guid id, string document)
    {
        await using var scope = _portal.ScopeActingAs(user);
        return await scope.ServiceProvider.GetRequiredService<RequestDocuments>().RenderAsync(id, document, default);
    }

    private async Task<List<string>> NoticesAsync(string user)
    {
        await using var scope = _portal.ScopeActingAs(user);
        var notices = await scope.ServiceProvider.GetRequiredService<NotificationService>().ListAsync(default);
        return [.. notices.Select(n => n.Text)];
    }

    private async Task<RegisteredApplication?> RegistryAsync(string accessKeyId)
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IApplicationRegistry>()
            .FindActiveAsync(accessKeyId, default);
    }

    private static async Task<Exception?> Attempt(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (Exception exception)
        {
            return exception;
        }
    }
}
