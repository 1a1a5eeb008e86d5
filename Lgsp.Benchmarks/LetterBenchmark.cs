using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Lgsp.Forms.Content;
using Lgsp.Forms.Letters;

namespace Lgsp.Benchmarks;

/// <summary>
/// Letters rendered per second, and rendered and signed, with the process's memory along the way: the figures of
/// issue 4 (targets: under 50 ms to render, under 150 ms to render and sign, memory flat over 1,000 letters).
/// </summary>
internal static class LetterBenchmark
{
    public static int Run(int count)
    {
        var context = new LetterContext("Bắc Giang", "Ủy ban nhân dân tỉnh Bắc Giang", "Sở Thông tin và Truyền thông",
            "Trung tâm Công nghệ thông tin và Truyền thông", "…/2021/QĐ-UBND", null, "15/STTTT-CNTT&TT",
            new DateOnly(2026, 12, 4), Draft: false);
        var reply = new ApplicationRegisteredReply
        {
            Addressee = "Sở Y tế tỉnh Bắc Giang",
            AgencyName = "Sở Y tế tỉnh Bắc Giang",
            RequestNumber = "12/SYT-VP",
            RequestDate = new DateTime(2026, 3, 2),
            Place = "Bắc Giang",
            SignerName = "Nguyễn Văn Thắng",
            ApplicationName = "Quản lý văn bản và điều hành",
            SupportName = "Nguyễn Thị Hoa",
            SupportLandline = "0204 3854 321",
            SupportMobile = "0987654321",
        };
        var letter = LetterComposer.Compose(reply, context);
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Nguyễn Văn Thắng", key, HashAlgorithmName.SHA256,
            RSASignaturePadding.Pkcs1);
        using var created =
            request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        using var certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
        var signature = new LetterSignature(certificate, "Nguyễn Văn Thắng", "Giám đốc", DateTimeOffset.UtcNow);

        Console.WriteLine($"LGSP letters benchmark — {Environment.ProcessorCount} cores, {count} letters per run");
        // Warm both paths past the JIT's tiers first, so that neither run pays for the other's compilation.
        for (var i = 0; i < 100; i++)
        {
            LetterRenderer.Render(letter);
            LetterRenderer.RenderSignedAsync(letter, signature).GetAwaiter().GetResult();
        }

        Measure("render", count, () => LetterRenderer.Render(letter));
        Measure("render + sign", count,
            () => LetterRenderer.RenderSignedAsync(letter, signature).GetAwaiter().GetResult());
        return 0;
    }

    private static void Measure(string name, int count, Func<byte[]> make)
    {
        GC.Collect();
        var memory = new List<double>();
        var clock = Stopwatch.StartNew();
        for (var i = 1; i <= count; i++)
        {
            make();
            if (i % Math.Max(1, count / 4) == 0)
            {
                memory.Add(Environment.WorkingSet / 1024.0 / 1024.0);
            }
        }

        clock.Stop();
        var each = clock.Elapsed.TotalMilliseconds / count;
        Console.WriteLine($"{name,-14} {1000 / each,8:0.0} letters/s  {each,7:0.0} ms each  "
            + $"working set at each quarter: {string.Join(" → ", memory.Select(m => $"{m:0} MiB"))}");
    }
}
