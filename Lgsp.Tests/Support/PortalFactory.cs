using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Lgsp.Portal.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Tests.Support;

/// <summary>
/// The whole portal on a data directory of its own, with a known administrator password. Dispose removes the
/// directory unless <see cref="KeepData"/> is set (restart tests share one directory between two factories).
/// </summary>
public sealed partial class PortalFactory : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@bacgiang.gov.vn";
    public const string AdminPassword = "Quantri-2026-Lgsp";

    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly TimeProvider? _clock;

    public PortalFactory(
        string? dataDirectory = null,
        bool kestrel = false,
        IReadOnlyDictionary<string, string>? settings = null,
        TimeProvider? clock = null)
    {
        _settings = settings ?? new Dictionary<string, string>();
        _clock = clock;
        DataDirectory = dataDirectory ?? Path.Combine(Path.GetTempPath(), "lgsp-test-" + Guid.NewGuid().ToString("N"));
        if (kestrel)
        {
            UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        }
    }

    public string DataDirectory { get; }

    public bool KeepData { get; set; }

    /// <summary>What the portal logged at error level or above, as "category: message exception".</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Errors { get; } = new();

    /// <summary>The loopback address a Kestrel-backed factory listens on.</summary>
    public Uri ServerAddress
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
            return new Uri(addresses.Addresses.First());
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("data", DataDirectory);
        builder.UseSetting("ADMIN_PASSWORD", AdminPassword);
        builder.UseEnvironment("Testing");
        builder.ConfigureLogging(logging =>
            logging.Services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(new ErrorCollector(Errors)));
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_clock is not null)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(_clock));
        }
    }

    /// <summary>A client that keeps cookies and does not follow redirects, so tests can see them.</summary>
    public HttpClient CreateBrowserlikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Creates an account directly, with a password that need not be changed.</summary>
    public async Task<string> CreateUserAsync(string email, string role, string? agencyId = null)
    {
        StartServer();
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = new PortalUser
        {
            UserName = email,
            Email = email,
            AgencyId = agencyId,
            FullName = "Người thử nghiệm",
        };
        const string password = "Matkhau-Thu-2026";
        var created = await users.CreateAsync(user, password);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return password;
    }

    /// <summary>
    /// A service scope whose current user is <paramref name="name"/>, as a page's request would have.
    /// </summary>
    public AsyncServiceScope ScopeActingAs(string name = AdminEmail)
    {
        var scope = Services.CreateAsyncScope();
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], "test");
        scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext =
            new DefaultHttpContext { User = new ClaimsPrincipal(identity), RequestServices = scope.ServiceProvider };
        return scope;
    }

    /// <summary>Signs in through the real login form; returns the response to the form post.</summary>
    public static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password) =>
        PostFormAsync(
            client,
            "/account/login",
            "login",
            new() { ["Input.Email"] = email, ["Input.Password"] = password });

    /// <summary>
    /// Fills a statically rendered form as a browser would: reads the page for its antiforgery token, then posts
    /// the fields with the form's handler name.
    /// </summary>
    public static async Task<HttpResponseMessage> PostFormAsync(
        HttpClient client,
        string path,
        string handler,
        Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(path);
        fields["_handler"] = handler;
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(AntiforgeryToken().Match(page).Groups[1].Value);
        return await client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && !KeepData)
        {
            DeleteData(DataDirectory);
        }
    }

    public static void DeleteData(string directory)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a closing connection: the temporary directory is left for the OS to clean.
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
