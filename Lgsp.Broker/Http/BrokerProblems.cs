using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

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

    /// <summary>
    /// What a broker path no endpoint took is answered: <c>415 UnsupportedMediaType</c> when an endpoint of that
    /// path and method takes JSON and the body is of another type or has none (routing leaves such an endpoint out,
    /// and the catch-all route then wins), else <c>404 NotFound</c>.
    /// </summary>
    public static IResult NoEndpoint(HttpContext context, EndpointDataSource endpoints)
    {
        var request = context.Request;
        // Routing left out an endpoint of this path and method that takes a body only for the body's type (none,
        // or not exactly application/json).
        var takesJson = endpoints.Endpoints.OfType<RouteEndpoint>().Any(endpoint =>
                endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is not null
                && endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(request.Method) == true
                && endpoint.RoutePattern.RawText is { } pattern
                && new TemplateMatcher(TemplateParser.Parse(pattern), [])
                    .TryMatch(request.Path, []));
        return takesJson
            ? Problem(StatusCodes.Status415UnsupportedMediaType, "UnsupportedMediaType",
                "This endpoint takes a JSON body: send it as application/json.")
            : Problem(StatusCodes.Status404NotFound, "NotFound",
                "There is no such endpoint; see shared/spec/broker-api.md.");
    }

    /// <summary>
    /// Gives an error the framework answered with a status alone (a body that is not the JSON an endpoint takes,
    /// a method the path does not have) the contract's problem body.
    /// </summary>
    public static Task EmptyStatusAsync(StatusCodeContext context)
    {
        var status = context.HttpContext.Response.StatusCode;
        var problem = status switch
        {
            StatusCodes.Status400BadRequest => Problem(status, "InvalidRequest",
                "The request body is not the JSON this endpoint takes (see docs/broker-api.md)."),
            StatusCodes.Status404NotFound => Problem(status, "NotFound", "There is no such endpoint or record."),
            StatusCodes.Status405MethodNotAllowed => Problem(status, "MethodNotAllowed",
                "This path does not take that method."),
            StatusCodes.Status415UnsupportedMediaType => Problem(status, "UnsupportedMediaType",
                "Send JSON bodies as application/json."),
            _ => Problem(status, "Error", "The request could not be completed."),
        };
        return problem.ExecuteAsync(context.HttpContext);
    }

    private static string Title(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "Bad request",
        StatusCodes.Status401Unauthorized => "Unauthorized",
        StatusCodes.Status403Forbidden => "Forbidden",
        StatusCodes.Status404NotFound => "Not found",
        StatusCodes.Status405MethodNotAllowed => "Method not allowed",
        StatusCodes.Status409Conflict => "Conflict",
        StatusCodes.Status413PayloadTooLarge => "Content too large",
        StatusCodes.Status415UnsupportedMediaType => "Unsupported media type",
        StatusCodes.Status422UnprocessableEntity => "Unprocessable content",
        StatusCodes.Status429TooManyRequests => "Too many requests",
        StatusCodes.Status500InternalServerError => "Internal error",
        _ => "Error",
    };
}
