using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Tests.Support;

/// <summary>
/// A real RFC 3161 time-stamping authority on a loopback port, for the signing tests: it answers
/// application/timestamp-query with a granted TimeStampResp whose token it signs with its own certificate.
/// </summary>
internal sealed class TimeStampServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly X509Certificate2 _certificate = TestCertificates.TimeStampAuthority();
    private int _serial;

    private TimeStampServer(WebApplication app) => _app = app;

    /// <summary>The address to post queries to.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>How many time-stamps it has issued.</summary>
    public int Issued => _serial;

    /// <summary>The moment it writes into every token: its start, to the second.</summary>
    public DateTimeOffset Now { get; } =
        new(DateTime.UtcNow.Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);

    public static async Task<TimeStampServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new TimeStampServer(app);
        app.MapPost("/tsa", server.AnswerAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.Single();
        server.Address = new Uri($"{address}/tsa");
        return server;
    }

    private async Task<IResult> AnswerAsync(HttpRequest request)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        if (!Rfc3161TimestampRequest.TryDecode(body.ToArray(), out var query, out _))
        {
            return Results.BadRequest();
        }

        var info = new Rfc3161TimestampTokenInfo(
            new Oid("1.3.6.1.4.1.99999.1"),
            query.HashAlgorithmId,
            query.GetMessageHash(),
            new BigInteger(Interlocked.Increment(ref _serial)).ToByteArray(),
            Now,
            nonce: query.GetNonce());
        var cms = new SignedCms(new ContentInfo(new Oid("1.2.840.113549.1.9.16.1.4"), info.Encode()));
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, _certificate)
        {
            DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1"),
            IncludeOption = query.RequestSignerCertificate ? X509IncludeOption.EndCertOnly : X509IncludeOption.None,
        };
        signer.SignedAttributes.Add(new AsnEncodedData(
            "1.2.840.113549.1.9.16.2.47", TestCertificates.SigningCertificateV2(_certificate)));
        cms.ComputeSignature(signer, silent: true);

        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteInteger(0);
            }

            writer.WriteEncodedValue(cms.Encode());
        }

        return Results.Bytes(writer.Encode(), "application/timestamp-reply");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _certificate.Dispose();
    }
}
