using Microsoft.AspNetCore.Diagnostics;
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

    /// <summary>
    /// Answers a broker request that failed unexpectedly (the exception handler has logged it): a body Kestrel
    /// refused as malformed or too large in the contract's terms, anything else as a 500 without internals.
    /// </summary>
    public static Task UnexpectedAsync(HttpContext context)
    {
        var problem = context.Features.Get<IExceptionHandlerFeature>()?.Error switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => Problem(
                StatusCodes.Status413PayloadTooLarge, "ContentTooLarge", "The request body is larger than allowed."),
            BadHttpRequestException => Problem(
                StatusCodes.Status400BadRequest, "InvalidRequest", "The request could not be read as HTTP."),
            _ => Problem(StatusCodes.Status500InternalServerError, "InternalError",
                "The broker could not complete the request; read the exchange's status before retrying."),
        };
        return problem.ExecuteAsync(context);
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
        StatusCodes.Status500InternalServerError => "Internal error",
        _ => "Error",
    };
}
