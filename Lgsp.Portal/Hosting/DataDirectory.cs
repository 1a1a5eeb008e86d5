namespace Lgsp.Portal.Hosting;

/// <summary>
/// The one directory that holds all state: <c>portal.db</c> (SQLite), <c>broker.db</c> (LiteDB),
/// <c>jobs.db</c> (Hangfire) and <c>keys/</c> (Data Protection). Taken from <c>--data DIR</c>, else
/// <c>LGSP_DATA</c>, else <c>./data</c>: in a source checkout that is the checkout's own <c>data/</c>, whichever
/// folder <c>dotnet run</c> starts the process in, so the server and the operator commands share it.
/// </summary>
public sealed record DataDirectory(string Path)
{
    /// <summary>Reads the directory from configuration and creates it when absent.</summary>
    public static DataDirectory From(IConfiguration configuration)
    {
        var path = System.IO.Path.GetFullPath(configuration["data"] ?? DefaultPath());
        System.IO.Directory.CreateDirectory(path);
        return new DataDirectory(path);
    }

    private static string DefaultPath()
    {
        for (var directory = new DirectoryInfo(Environment.CurrentDirectory); directory is not null;
            directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Lgsp.sln")))
            {
                return System.IO.Path.Combine(directory.FullName, "data");
            }
        }

        return "data";
    }

    public string PortalDatabase => System.IO.Path.Combine(Path, "portal.db");

    public string JobsDatabase => System.IO.Path.Combine(Path, "jobs.db");

    public string KeysDirectory => System.IO.Path.Combine(Path, "keys");
}
