using Lgsp.Portal.Audit;
using Lgsp.Portal.Data;
using Microsoft.EntityFrameworkCore;
using PdfSharp.Drawing;

namespace Lgsp.Portal.Letters;

/// <summary>
/// The scanned images visible signatures carry: each person's handwritten signature and each agency's seal (set by
/// the agency's head). PNG or JPEG up to 1 MiB, checked by decoding it the way the letters will.
/// </summary>
public sealed class SignatureImages(PortalDbContext db, AuditLog audit, TimeProvider time)
{
    /// <summary>The largest image accepted.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>The owner key of a person's signature.</summary>
    public static string OfUser(string userId) => $"user:{userId}";

    /// <summary>The owner key of an agency's seal.</summary>
    public static string OfAgency(string agencyId) => $"agency:{agencyId}";

    /// <summary>The image, if one was set.</summary>
    public async Task<byte[]?> GetAsync(string owner, CancellationToken cancellationToken) =>
        (await db.SignatureImages.AsNoTracking().SingleOrDefaultAsync(i => i.Owner == owner, cancellationToken))
        ?.Image;

    /// <summary>Sets or replaces an image; a file that is not a readable PNG or JPEG is refused unchanged.</summary>
    public async Task SetAsync(string owner, byte[] image, PortalUser by, CancellationToken cancellationToken)
    {
        Check(image);
        var record = await db.SignatureImages.SingleOrDefaultAsync(i => i.Owner == owner, cancellationToken);
        if (record is null)
        {
            record = new SignatureImageRecord { Owner = owner };
            db.SignatureImages.Add(record);
        }

        record.Image = image;
        record.UpdatedUtc = time.GetUtcNow().UtcDateTime;
        record.UpdatedBy = by.Email ?? by.Id;
        await audit.AddAsync(AuditActions.SignatureImageSaved, owner, $"{image.Length} byte", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Removes an image.</summary>
    public async Task RemoveAsync(string owner, CancellationToken cancellationToken)
    {
        await db.SignatureImages.Where(i => i.Owner == owner).ExecuteDeleteAsync(cancellationToken);
        await audit.AddAsync(AuditActions.SignatureImageSaved, owner, "Đã xóa", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static void Check(byte[] image)
    {
        if (image.Length > MaxBytes)
        {
            throw new SigningProfileException("Ảnh lớn hơn 1 MB; hãy dùng ảnh nhỏ hơn.");
        }

        var png = image.AsSpan().StartsWith(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' });
        var jpeg = image.AsSpan().StartsWith(new byte[] { 0xFF, 0xD8, 0xFF });
        if (!png && !jpeg)
        {
            throw new SigningProfileException("Chỉ nhận ảnh PNG hoặc JPEG.");
        }

        // The declared size is read from the header first: a small file can declare a huge picture, and decoding
        // it would take gigabytes.
        var (width, height) = DeclaredSize(image, png);
        if (width is < 16 or > 4000 || height is < 16 or > 4000)
        {
            throw new SigningProfileException("Ảnh cần rộng và cao từ 16 đến 4000 điểm ảnh.");
        }

        try
        {
            using var decoded = XImage.FromStream(new MemoryStream(image));
            if (decoded.PixelWidth < 16 || decoded.PixelHeight < 16 || decoded.PixelWidth > 4000
                || decoded.PixelHeight > 4000)
            {
                throw new SigningProfileException("Ảnh cần rộng và cao từ 16 đến 4000 điểm ảnh.");
            }
        }
        catch (Exception exception) when (exception is not SigningProfileException)
        {
            throw new SigningProfileException("Không đọc được ảnh; tệp có thể bị hỏng.");
        }
    }

    /// <summary>The width and height a PNG (IHDR) or JPEG (start of frame) declares; zero when unreadable.</summary>
    private static (int Width, int Height) DeclaredSize(byte[] image, bool png)
    {
        if (png)
        {
            return image.Length >= 24
                ? ((int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(image.AsSpan(16)),
                    (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(image.AsSpan(20)))
                : (0, 0);
        }

        var at = 2;
        while (at + 9 < image.Length && image[at] == 0xFF)
        {
            var marker = image[at + 1];
            var length = (image[at + 2] << 8) | image[at + 3];
            // SOF0 to SOF15, except DHT (C4), JPG (C8) and DAC (CC), carry the frame's size.
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                return ((image[at + 7] << 8) | image[at + 8], (image[at + 5] << 8) | image[at + 6]);
            }

            at += 2 + length;
        }

        return (0, 0);
    }
}
