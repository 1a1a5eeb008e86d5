using Lgsp.Broker.Applications;
using Microsoft.AspNetCore.Http;

namespace Lgsp.Broker.Authentication;

/// <summary>The application whose signature a request carried, once verified.</summary>
public static class CallingApplication
{
    private const string Key = "lgsp.application";

    /// <summary>The verified caller; endpoints marked <see cref="RequiresSignature"/> always have one.</summary>
    public static RegisteredApplication Get(HttpContext context) =>
        context.Items[Key] as RegisteredApplication
        ?? throw new InvalidOperationException("The endpoint is not marked RequiresSignature.");

    internal static void Set(HttpContext context, RegisteredApplication application) =>
        context.Items[Key] = application;
}
