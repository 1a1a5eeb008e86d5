using Lgsp.Portal.Cli;
using Lgsp.Portal.Hosting;

// The portal executable serves the portal and the broker, or, given a command, runs it on the same data
// directory and exits (see Cli/OperatorCommandLine.cs).
if (OperatorCommandLine.IsCommand(args))
{
    return await OperatorCommandLine.RunAsync(args, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddPortal(args);
var app = builder.Build();
app.UsePortal();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the tests' host factory.</summary>
public partial class Program;
