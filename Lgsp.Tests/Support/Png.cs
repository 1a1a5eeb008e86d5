using System.IO.Compression;
using System.Text;

namespace Lgsp.Tests.Support;

/// <summary>Small PNG images drawn in code, standing in for the scans of a seal and a signature.</summary>
internal static class Png
{
    /// <summary>A red ring on a transparent square, like a round seal.</summary>
    public static byte[] Seal(int size = 96) => Draw(size, size, (x, y) =>
    {
        var distance = Math.Sqrt(Math.Pow(x - size / 2.0, 2) + Math.Pow(y - size / 2.0, 2));
        return distance is > 40 and < 46 || distance < 6 ? (200, 20, 20, 255) : (0, 0, 0, 0);
    });

    /// <summary>A blue wave, like a handwritten stroke.</summary>
    public static byte[] Signature() => Draw(160, 60, (x, y) =>
        Math.Abs(y - (30 + 18 * Math.Sin(x / 12.0))) < 2.5 ? (20, 40, 160, 255) : (0, 0, 0, 0));

    private static byte[] Draw(int width, int height, Func<int, int, (int R, int G, int B, int A)> pixel)
    {
        using var raw = new MemoryStream();
        for (var y = 0; y < height; y++)
        {
            raw.WriteByte(0);
            for (var x = 0; x < width; x++)
            {
                var (r, g, b, a) = pixel(x, y);
                raw.Write([(byte)r, (byte)g, (byte)b, (byte)a]);
            }
        }

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(raw.ToArray());
        }

        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10]);
        Chunk(png, "IHDR", [.. BigEndian(width), .. BigEndian(height), 8, 6, 0, 0, 0]);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        byte[] typed = [.. Encoding.ASCII.GetBytes(type), .. data];
        png.Write(BigEndian(data.Length));
        png.Write(typed);
        png.Write(BigEndian((int)Crc32(typed)));
    }

    private static byte[] BigEndian(int value) =>
        [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }
}
