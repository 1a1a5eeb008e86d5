using Lgsp.Signing;
using Microsoft.AspNetCore.Http;

namespace Lgsp.Broker.Authentication;

/// <summary>The body hash a client declared in a content-SHA-256 header (LGSP or AWS name), if any.</summary>
internal static class SignedContentHash
{
    public static string? Of(HttpRequest request) =>
        SigningProfile.All.Select(p => p.ContentHashHeader).Distinct()
            .Select(name => request.Headers[name].FirstOrDefault()?.Trim())
            .FirstOrDefault(value => !string.IsNullOrEmpty(value));
}
