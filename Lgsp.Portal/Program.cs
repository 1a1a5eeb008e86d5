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
try
{
    await app.RunAsync();
}
catch (IOException exception) when (exception.InnerException is System.Net.Sockets.SocketException
{ SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse })
{
    await Console.Error.WriteLineAsync(
        $"Cổng đã có chương trình khác dùng / the port is in use: {exception.Message}. "
        + "Dừng chương trình đó, hoặc chọn cổng khác với --urls http://127.0.0.1:PORT.");
    return 1;
}

return 0;

/// <summary>The entry point, visible to the tests' host factory.</summary>
public partial class Program;
