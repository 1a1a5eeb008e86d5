using Microsoft.AspNetCore.Http;

namespace Lgsp.Broker.Http;

/// <summary>
/// RFC 9457 problem responses with the contract's stable <c>code</c> member. Details are written for the
/// calling developer and never carry internals (stack traces, SQL, file paths).
/// </summary>
public static class BrokerProblems
{
    /// <summary>A problem with <paramref name="code"/> and a human <paramref name="detail"/>.</summary>
    public static IResult Problem(int status, string code, string detail, IDictionary<string, object?>? extra = null)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        foreach (var (key, value) in extra ?? new Dictionary<string, object?>())
        {
            extensions[key] = value;
        }

        return TypedResults.Problem(detail: detail, statusCode: status, title: Title(status), extensions: extensions);
    }

    private static string Title(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "Bad request",
        StatusCodes.Status401Unauthorized => "Unauthorized",
        StatusCodes.Status403Forbidden => "Forbidden",
        StatusCodes.Status404NotFound => "Not found",
        StatusCodes.Status409Conflict => "Conflict",
        StatusCodes.Status413PayloadTooLarge => "Content too large",
        StatusCodes.Status422UnprocessableEntity => "Unprocessable content",
        StatusCodes.Status429TooManyRequests => "Too many requests",
        _ => "Error",
    };
}
