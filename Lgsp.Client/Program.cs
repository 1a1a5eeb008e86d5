using Lgsp.Client.Cli;

namespace Lgsp.Client;

/// <summary>The <c>lgsp-client</c> executable.</summary>
internal static class Program
{
    private static Task<int> Main(string[] args) =>
        ClientCommandLine.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
}
