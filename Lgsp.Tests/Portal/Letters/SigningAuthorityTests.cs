using System.Security.Cryptography.X509Certificates;
using Lgsp.Forms.Letters;
using Lgsp.Portal.Data;
using Lgsp.Portal.Identity;
using Lgsp.Portal.Letters;
using Lgsp.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Tests.Portal.Letters;

/// <summary>Certificates a person signs with: issued by the portal, brought as PKCS#12, revoked; images.</summary>
[Collection(WebCollection.Name)]
public sealed class SigningAuthorityTests : IAsyncLifetime
{
    private const string Head = "lanhdao.syt@bacgiang.gov.vn";
    private const string Other = "lanhdao.snv@bacgiang.gov.vn";
    private readonly PortalFactory _portal = new(settings: TestCertificates.TrustingTheTestAuthority());

    public async Task InitializeAsync()
    {
        await _portal.CreateUserAsync(Head, Roles.AgencyHead, "000.00.15.H06");
        await _portal.CreateUserAsync(Other, Roles.AgencyHead, "000.00.02.H06");
    }

    public Task DisposeAsync()
    {
        _portal.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Import_AnExternalPkcs12_IsWhatThePersonSignsWithFromThen_WithItsChain()
    {
        var (pkcs12, leaf, authority) = TestCertificates.ExternalPkcs12("Người thử nghiệm", "mat-khau-p12");

        var before = await WithAsync(Head, (a, user) => a.IdentityForAsync(user, default));
        await WithAsync(Head, (a, user) => a.ImportAsync(user, pkcs12, "mat-khau-p12", default));
        var after = await WithAsync(Head, (a, user) => a.IdentityForAsync(user, default));
        var listed = await WithAsync(Head, (a, user) => a.CertificatesAsync(user.Id, default));

        Assert.NotEqual(leaf.Thumbprint, before.Certificate.Thumbprint);
        Assert.Equal(leaf.Thumbprint, after.Certificate.Thumbprint);
        Assert.True(after.Certificate.HasPrivateKey);
        Assert.Contains(after.Chain, c => c.Thumbprint == authority.Thumbprint);
        Assert.Equal(2, listed.Count);
        Assert.True(listed[0].External);
        await using var scope = _portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == "signing.certificate-imported"));
        var stored = await db.SigningCertificates.SingleAsync(c => c.Thumbprint == leaf.Thumbprint);
        Assert.DoesNotContain("mat-khau-p12", stored.ProtectedPfx, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => Convert.FromBase64String(stored.ProtectedPfx));
    }

    [Theory]
    [InlineData("wrong-password", "sai mật khẩu")]
    [InlineData("no-key", "khóa bí mật")]
    [InlineData("self-signed", "không do tổ chức chứng thực được tin cậy cấp")]
    [InlineData("twice", "đã được nạp")]
    [InlineData("someone-else", "không phải cho chủ tài khoản")]
    public async Task Import_AWrongPasswordNoKeyUntrustedOrRepeated_IsRefusedAndNothingMoreIsStored(
        string attempt, string message)
    {
        var (pkcs12, leaf, _) = TestCertificates.ExternalPkcs12("Người thử nghiệm", "mat-khau-p12");
        if (attempt == "twice")
        {
            await WithAsync(Head, (a, user) => a.ImportAsync(user, pkcs12, "mat-khau-p12", default));
        }

        var (file, password) = attempt switch
        {
            "wrong-password" => (pkcs12, "sai-mat-khau"),
            "no-key" => (new X509Certificate2Collection(X509CertificateLoader.LoadCertificate(leaf.RawData))
                .Export(X509ContentType.Pfx, "mat-khau-p12")!, "mat-khau-p12"),
            "self-signed" => (TestCertificates.SelfSignedPkcs12("Người thử nghiệm", "mat-khau-p12"), "mat-khau-p12"),
            "someone-else" => (TestCertificates.ExternalPkcs12("Nguyễn Thị Khác", "mat-khau-p12").Pkcs12,
                "mat-khau-p12"),
            _ => (pkcs12, "mat-khau-p12"),
        };

        var refused = await Assert.ThrowsAsync<SigningProfileException>(() =>
            WithAsync(Head, (a, user) => a.ImportAsync(user, file, password, default)));

        Assert.Contains(message, refused.Message, StringComparison.Ordinal);
        Assert.Equal(attempt == "twice" ? 1 : 0,
            (await WithAsync(Head, (a, user) => a.CertificatesAsync(user.Id, default))).Count);
    }

    [Fact]
    public async Task Revoke_OwnCertificate_StopsItsUse_AndOnlyAProvenEarlierSignatureStaysValid()
    {
        await using var timeStamps = await TimeStampServer.StartAsync();
        var first = await WithAsync(Head, (a, user) => a.IdentityForAsync(user, default));
        var letter = LetterComposer.Compose(FormsFor.Registration(), new LetterContext("Bắc Giang",
            "Ủy ban nhân dân tỉnh Bắc Giang", "Sở Thông tin và Truyền thông",
            "Trung tâm Công nghệ thông tin và Truyền thông", "25/2021/QĐ-UBND", null, null,
            new DateOnly(2026, 12, 1), Draft: false));
        // Time-stamped before the revocation: proven older than it.
        var signed = await LetterRenderer.RenderSignedAsync(letter,
            new LetterSignature(first.Certificate, "Lê Văn Cường", "Giám đốc", DateTimeOffset.UtcNow),
            timeStamps.Address);
        var id = (await WithAsync(Head, (a, user) => a.CertificatesAsync(user.Id, default))).Single().Id;

        var byOther = await Assert.ThrowsAsync<SigningProfileException>(() =>
            WithAsync(Other, async (a, user) =>
            {
                await a.RevokeAsync(user, administrator: false, id, default);
                return 0;
            }));
        await WithAsync(Head, async (a, user) =>
        {
            await a.RevokeAsync(user, administrator: false, id, default);
            return 0;
        });
        var next = await WithAsync(Head, (a, user) => a.IdentityForAsync(user, default));

        Assert.Contains("Không tìm thấy", byOther.Message, StringComparison.Ordinal);
        Assert.NotEqual(first.Certificate.Thumbprint, next.Certificate.Thumbprint);
        await using var scope = _portal.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<DocumentVerification>()
            .VerifyAsync(signed, default);
        var before = Assert.Single(result.Signatures);
        Assert.True(before.Valid);
        Assert.Equal(CertificateTrust.Portal, before.Trust);
        Assert.NotNull(before.RevokedUtc);
        Assert.False(before.RevokedBeforeSigning);
        // Signed with the revoked key and back-dated by an hour: the claimed time proves nothing.
        var late = await LetterRenderer.RenderSignedAsync(letter,
            new LetterSignature(first.Certificate, "Lê Văn Cường", "Giám đốc", DateTimeOffset.UtcNow.AddHours(-1)));
        var after = Assert.Single((await scope.ServiceProvider.GetRequiredService<DocumentVerification>()
            .VerifyAsync(late, default)).Signatures);
        Assert.True(after.Found.Valid);
        Assert.True(after.RevokedBeforeSigning);
        Assert.False(after.Valid);
    }

    [Fact]
    public async Task Revoke_AnImportedCertificate_RefusesANewCertificateForTheSameKey()
    {
        using var key = System.Security.Cryptography.RSA.Create(2048);
        var (first, _, _) = TestCertificates.ExternalPkcs12("Người thử nghiệm", "mat-khau-p12", key);
        var (again, _, _) = TestCertificates.ExternalPkcs12("Người thử nghiệm", "mat-khau-p12", key);
        var record = await WithAsync(Head, (a, user) => a.ImportAsync(user, first, "mat-khau-p12", default));
        await WithAsync(Head, async (a, user) =>
        {
            await a.RevokeAsync(user, administrator: false, record.Id, default);
            return 0;
        });

        var refused = await Assert.ThrowsAsync<SigningProfileException>(() =>
            WithAsync(Head, (a, user) => a.ImportAsync(user, again, "mat-khau-p12", default)));

        Assert.Contains("khóa của nó, đã bị thu hồi", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Images_NotAPictureOrTooLarge_AreRefused_AndAPngIsKept()
    {
        await using var scope = _portal.ScopeActingAs(Head);
        var images = scope.ServiceProvider.GetRequiredService<SignatureImages>();
        var user = (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByNameAsync(Head))!;
        var owner = SignatureImages.OfUser(user.Id);

        var text = await Assert.ThrowsAsync<SigningProfileException>(() =>
            images.SetAsync(owner, "không phải ảnh"u8.ToArray(), user, default));
        var broken = await Assert.ThrowsAsync<SigningProfileException>(() =>
            images.SetAsync(owner, [.. Png.Signature().Take(40)], user, default));
        // A few hundred bytes declaring 14000 × 14000 pixels: refused from its header, never decoded.
        byte[] bomb = [.. Png.Signature()];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bomb.AsSpan(16), 14_000);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bomb.AsSpan(20), 14_000);
        var huge = await Assert.ThrowsAsync<SigningProfileException>(() => images.SetAsync(owner, bomb, user, default));
        var large = await Assert.ThrowsAsync<SigningProfileException>(() =>
            images.SetAsync(owner, [.. Png.Signature(), .. new byte[SignatureImages.MaxBytes]], user, default));
        Assert.Null(await images.GetAsync(owner, default));
        await images.SetAsync(owner, Png.Signature(), user, default);

        Assert.Contains("PNG hoặc JPEG", text.Message, StringComparison.Ordinal);
        Assert.Contains("Không đọc được", broken.Message, StringComparison.Ordinal);
        Assert.Contains("1 MB", large.Message, StringComparison.Ordinal);
        Assert.Contains("4000 điểm ảnh", huge.Message, StringComparison.Ordinal);
        Assert.Equal(Png.Signature(), await images.GetAsync(owner, default));
    }

    private async Task<T> WithAsync<T>(string email, Func<SigningAuthority, PortalUser, Task<T>> action)
    {
        await using var scope = _portal.ScopeActingAs(email);
        var user = (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByNameAsync(email))!;
        return await action(scope.ServiceProvider.GetRequiredService<SigningAuthority>(), user);
    }
}
