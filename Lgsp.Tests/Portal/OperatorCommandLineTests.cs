using System.Diagnostics;
using System.Text.Json;
using Lgsp.Portal.Cli;
using Lgsp.Tests.Support;

namespace Lgsp.Tests.Portal;

[Collection(WebCollection.Name)]
public sealed class OperatorCommandLineTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "lgsp-cli-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => PortalFactory.DeleteData(_data);

    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await OperatorCommandLine.RunAsync(["--data", _data, .. args], output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task AgenciesFind_UnaccentedText_PrintsMatchesWithSuccessorsAsJson()
    {
        var (exit, output, _) = await RunAsync("agencies", "find", "so thong tin");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var first = json.RootElement[0];
        Assert.Equal("000.00.11.H06", first.GetProperty("id").GetString());
        Assert.Equal("Sở Thông tin và Truyền thông", first.GetProperty("name").GetString());
        Assert.Equal("STTTT", first.GetProperty("shortName").GetString());
        Assert.Equal("merged", first.GetProperty("status").GetString());
        Assert.Equal("000.00.14.H06", first.GetProperty("successorIds")[0].GetString());
    }

    [Fact]
    public async Task UsersAdd_AgencyOfficer_PrintsOneTimePassword()
    {
        var (exit, output, _) = await RunAsync(
            "users", "add", "--email", "000.00.15.h06@bacgiang.gov.vn",
            "--role", "AgencyOfficer", "--agency", "000.00.15.H06");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("000.00.15.h06@bacgiang.gov.vn", json.RootElement.GetProperty("email").GetString());
        Assert.Equal(16, json.RootElement.GetProperty("password").GetString()!.Length);
    }

    [Fact]
    public async Task UsersAdd_AnExistingEmail_IsRefusedWithOneReason()
    {
        await RunAsync("users", "add", "--email", "chuyenvien@bacgiang.gov.vn", "--role", "Specialist");

        var (exit, output, error) = await RunAsync(
            "users", "add", "--email", "chuyenvien@bacgiang.gov.vn", "--role", "Manager");

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Equal("Đã có tài khoản dùng thư điện tử \"chuyenvien@bacgiang.gov.vn\".", error.Trim());
    }

    [Theory]
    [InlineData("users add --email a@b.vn --role Nobody", 1, "Nobody")]
    [InlineData("users add --email x@bacgiang.gov.vn --role AgencyOfficer", 1, "mã định danh")]
    [InlineData("users add --email x@bacgiang.gov.vn --role AgencyOfficer --agency 000.00.99.H06", 1, "000.00.99.H06")]
    [InlineData("users add --email x@bacgiang.gov.vn --role AgencyHead --agency 000.00.11.H06", 1, "sáp nhập")]
    [InlineData("users add --role Specialist", 2, "--email")]
    [InlineData("users add --email x@bacgiang.gov.vn --role Specialist --colour red", 2, "--colour")]
    [InlineData("agencies remove 000.00.11.H06", 2, "Lệnh không hợp lệ")]
    public async Task BadCommands_FailWithReasonOnStandardError(string command, int expectedExit, string reason)
    {
        var (exit, output, error) = await RunAsync(command.Split(' '));

        Assert.Equal(expectedExit, exit);
        Assert.Equal("", output);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AgenciesImport_FileWithErrors_ImportsNothingAndNamesTheLines()
    {
        var file = Path.Combine(Path.GetTempPath(), $"lgsp-import-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file,
            "id,name,shortName,status,successorIds,effectiveFrom,effectiveTo,accepts\n"
            + "000.00.50.H06,Ban Quản lý dự án,BQLDA,active,,,,\n"
            + "000.00.51,Ban thiếu mã,,active,,,,\n");
        try
        {
            var (exit, _, error) = await RunAsync("agencies", "import", file);
            var (_, found, _) = await RunAsync("agencies", "find", "ban quan ly du an");

            Assert.Equal(1, exit);
            Assert.Contains(":3:", error, StringComparison.Ordinal);
            Assert.Equal("[]", found.Trim());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task AgenciesImport_ValidFile_AddsAndUpdates()
    {
        var file = Path.Combine(Path.GetTempPath(), $"lgsp-import-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file,
            "id,name,shortName,status,successorIds,effectiveFrom,effectiveTo,accepts\n"
            + "000.00.50.H06,Ban Quản lý dự án đầu tư xây dựng,BQLDA,active,,,,\n"
            + "000.00.15.H06,Sở Y tế tỉnh,SYT,active,,,,\n");
        try
        {
            var (exit, output, _) = await RunAsync("agencies", "import", file);
            var (_, found, _) = await RunAsync("agencies", "find", "ban quan ly du an");

            Assert.Equal(0, exit);
            using var json = JsonDocument.Parse(output);
            Assert.Equal(1, json.RootElement.GetProperty("created").GetInt32());
            Assert.Equal(1, json.RootElement.GetProperty("updated").GetInt32());
            Assert.Contains("000.00.50.H06", found, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task AppsIssue_HmacKey_PrintsKeyAndSecretOnce_AndRevokeWorks()
    {
        var (exit, output, _) = await RunAsync(
            "apps", "issue", "--agency", "000.00.15.H06", "--name", "Quản lý văn bản");
        using var json = JsonDocument.Parse(output);
        var key = json.RootElement.GetProperty("accessKeyId").GetString()!;
        var (revokeExit, _, _) = await RunAsync("apps", "revoke", key);
        var (unknownExit, _, unknownError) = await RunAsync("apps", "revoke", "LGSPNOSUCHKEY");

        Assert.Equal(0, exit);
        Assert.StartsWith("LGSP", key, StringComparison.Ordinal);
        Assert.Equal(40, json.RootElement.GetProperty("secretKey").GetString()!.Length);
        Assert.Equal("000.00.15.H06", json.RootElement.GetProperty("agencyId").GetString());
        Assert.Equal("hmac-sha256", json.RootElement.GetProperty("algorithm").GetString());
        Assert.Equal(0, revokeExit);
        Assert.Equal(1, unknownExit);
        Assert.Contains("LGSPNOSUCHKEY", unknownError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppsIssue_RsaKey_HasNoSecret_AndNeedsAPublicKey()
    {
        var pem = Path.Combine(Path.GetTempPath(), $"lgsp-{Guid.NewGuid():N}.pem");
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        await File.WriteAllTextAsync(pem, rsa.ExportSubjectPublicKeyInfoPem());
        try
        {
            var (exit, output, _) = await RunAsync(
                "apps", "issue", "--agency", "000.00.15.H06", "--name", "App",
                "--algorithm", "rsa-sha256", "--public-key", pem);
            var (missingExit, _, missingError) = await RunAsync(
                "apps", "issue", "--agency", "000.00.15.H06", "--name", "App", "--algorithm", "rsa-sha256");

            Assert.Equal(0, exit);
            using var json = JsonDocument.Parse(output);
            Assert.False(json.RootElement.TryGetProperty("secretKey", out _));
            Assert.Equal("rsa-sha256", json.RootElement.GetProperty("algorithm").GetString());
            Assert.Equal(1, missingExit);
            Assert.Contains("PEM", missingError, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(pem);
        }
    }

    [Fact]
    public async Task PortalExecutable_WithACommand_PrintsOnlyJsonOnStandardOutput()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { typeof(Program).Assembly.Location, "--data", _data, "agencies", "find", "y te" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(0, process.ExitCode);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("000.00.15.H06", json.RootElement[0].GetProperty("id").GetString());
    }
}
