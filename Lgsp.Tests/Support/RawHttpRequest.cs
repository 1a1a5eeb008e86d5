using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Lgsp.Signing;

namespace Lgsp.Tests.Support;

/// <summary>
/// A one-shot HTTP listener on 127.0.0.1 that records the bytes a real client sends, so signatures made by
/// tools such as curl can be checked exactly as they arrived.
/// </summary>
internal sealed class RawHttpRequest
{
    public required string Method { get; init; }

    public required string Target { get; init; }

    public required Dictionary<string, IReadOnlyList<string>> Headers { get; init; }

    public required byte[] Body { get; init; }

    public SignableRequest ToSignable()
    {
        var query = Target.IndexOf('?', StringComparison.Ordinal);
        return new SignableRequest(
            Method,
            query < 0 ? Target : Target[..query],
            query < 0 ? "" : Target[(query + 1)..],
            Headers,
            Convert.ToHexStringLower(SHA256.HashData(Body)));
    }

    /// <summary>
    /// Listens, runs <paramref name="client"/> with the port, and returns the first request received.
    /// </summary>
    public static async Task<RawHttpRequest> CaptureAsync(Func<int, Task> client)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var accept = AcceptOneAsync(listener);
            await client(port);
            return await accept.WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            listener.Stop();
        }
    }

    private static async Task<RawHttpRequest> AcceptOneAsync(TcpListener listener)
    {
        using var socket = await listener.AcceptTcpClientAsync();
        var stream = socket.GetStream();
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int headerEnd;
        while ((headerEnd = IndexOf(buffer.ToArray(), "\r\n\r\n"u8.ToArray())) < 0)
        {
            var read = await stream.ReadAsync(chunk);
            if (read == 0)
            {
                throw new IOException("The client closed the connection before its headers ended.");
            }

            buffer.Write(chunk, 0, read);
        }

        var all = buffer.ToArray();
        var lines = Encoding.UTF8.GetString(all, 0, headerEnd).Split("\r\n");
        var requestLine = lines[0].Split(' ');
        var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var name = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();
            headers[name] = headers.TryGetValue(name, out var existing) ? [.. existing, value] : [value];
        }

        var length = headers.TryGetValue("content-length", out var lengths) ? int.Parse(lengths[0].Trim()) : 0;
        var body = new MemoryStream();
        body.Write(all, headerEnd + 4, all.Length - headerEnd - 4);
        while (body.Length < length)
        {
            var read = await stream.ReadAsync(chunk);
            if (read == 0)
            {
                break;
            }

            body.Write(chunk, 0, read);
        }

        await stream.WriteAsync("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n"u8.ToArray());
        return new RawHttpRequest
        {
            Method = requestLine[0],
            Target = requestLine[1],
            Headers = headers,
            Body = body.ToArray(),
        };
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i <= haystack.Length - needle.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle))
            {
                return i;
            }
        }

        return -1;
    }
}
