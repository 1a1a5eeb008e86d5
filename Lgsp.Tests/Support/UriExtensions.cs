namespace Lgsp.Tests.Support;

internal static class UriExtensions
{
    /// <summary>The path and query of a redirect, whether the server sent it absolute or relative.</summary>
    public static string LocalPart(this Uri uri) => uri.IsAbsoluteUri ? uri.PathAndQuery : uri.OriginalString;
}
