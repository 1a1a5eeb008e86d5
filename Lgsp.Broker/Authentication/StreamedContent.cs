namespace Lgsp.Broker.Authentication;

/// <summary>
/// Endpoint metadata: the body is package content, possibly hundreds of megabytes, and is never held in
/// memory. The signature check takes the body's hash from the signed content-SHA-256 header when the client
/// sends one (the endpoint then checks the bytes as it stores them), or else spools the body to a temporary
/// file in the data directory while hashing it.
/// </summary>
public sealed class StreamedContent;
