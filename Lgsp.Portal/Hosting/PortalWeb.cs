using System.Text.Encodings.Web;
using System.Text.Unicode;
using Hangfire;
using Hangfire.Storage.SQLite;
using Lgsp.Broker.Hosting;
using Lgsp.Broker.Http;
using Lgsp.Portal.Account;
using Lgsp.Portal.Agencies;
using Lgsp.Portal.Audit;
using Lgsp.Portal.Components;
using Lgsp.Portal.Identity;
using Lgsp.Portal.Requests;
using Lgsp.Portal.Statistics;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.HttpLogging;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;
using MudBlazor.Services;

namespace Lgsp.Portal.Hosting;

/// <summary>The web host: Blazor portal, sign-in, broker endpoints, jobs, health and request logging.</summary>
internal static class PortalWeb
{
    public static WebApplicationBuilder AddPortal(this WebApplicationBuilder builder, string[] args)
    {
        // LGSP_DATA, LGSP_ADMIN_PASSWORD …; the command line is added again so that --data wins over LGSP_DATA.
        // Run from elsewhere than its project (a published folder, a service unit), the content root has no
        // appsettings.json: the one beside the executable supplies the defaults, below every other source.
        if (!File.Exists(Path.Combine(builder.Environment.ContentRootPath, "appsettings.json")))
        {
            builder.Configuration.Sources.Insert(0, new JsonConfigurationSource
            {
                FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
                Path = "appsettings.json",
                Optional = true,
            });
        }

        builder.Configuration.AddEnvironmentVariables("LGSP_");
        builder.Configuration.AddCommandLine(args);
        builder.WebHost.UseStaticWebAssets();

        var services = builder.Services;
        services.AddPortalCore();
        services.AddScoped<ICurrentActor, WebActor>();
        services.AddHttpContextAccessor();

        services.AddRazorComponents().AddInteractiveServerComponents();

        // Vietnamese text is written as characters, not as numeric entities, in rendered pages.
        services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddMudServices();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingIdentityStateProvider>();
        services.AddScoped<IdentityRedirectManager>();

        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddIdentityCore<Data.PortalUser>().AddSignInManager();
        services.ConfigureApplicationCookie(ConfigureCookie);
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddAuthorization();

        services.AddLgspBroker();
        services.AddOptions<BrokerOptions>()
            .BindConfiguration("Broker")
            .Configure<DataDirectory>((o, data) => o.DataDirectory = data.Path);

        services.AddHangfire((sp, jobs) => jobs
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseSQLiteStorage(sp.GetRequiredService<DataDirectory>().JobsDatabase, new SQLiteStorageOptions
            {
                // A report someone waits for starts within a second, not the storage's default fifteen.
                QueuePollInterval = TimeSpan.FromSeconds(1),
            }));
        services.AddHangfireServer(o => o.WorkerCount = Math.Max(2, Environment.ProcessorCount));

        services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage");
        services.AddHttpLogging(o =>
        {
            // Method, path, status and time only: headers would carry cookies and signatures.
            o.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath
                | HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration;
            o.CombineLogs = true;
        });

        services.AddHostedService<FirstRunService>();
        return builder;
    }

    public static WebApplication UsePortal(this WebApplication app)
    {
        app.UseHttpLogging();

        // Pages format for vi-VN (dates dd/MM/yyyy, numbers 1.234,5); logs and files stay culture-invariant.
        app.UseRequestLocalization(new RequestLocalizationOptions()
            .SetDefaultCulture(VietnamTime.Culture.Name)
            .AddSupportedCultures(VietnamTime.Culture.Name)
            .AddSupportedUICultures(VietnamTime.Culture.Name));
        // The broker's clients read problem+json in every environment, for failures and for errors the
        // framework answers with a bare status (a body that is not JSON); re-running a failed PUT against the
        // portal's error page answered an empty 405.
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/api"),
            api => api
                .UseExceptionHandler(new ExceptionHandlerOptions
                {
                    ExceptionHandler = BrokerProblems.UnexpectedAsync,
                    // A body the client broke or oversized is the client's error, answered 400 or 413: no
                    // error-level log with a stack trace for it.
                    SuppressDiagnosticsCallback = context => context.Exception is BadHttpRequestException,
                })
                .UseStatusCodePages(BrokerProblems.EmptyStatusAsync));
        if (!app.Environment.IsDevelopment())
        {
            app.UseWhen(
                context => !context.Request.Path.StartsWithSegments("/api"),
                pages => pages.UseExceptionHandler("/error", createScopeForErrors: true));
        }

        app.UseWhen(
            context => !context.Request.Path.StartsWithSegments("/api"),
            pages => pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "assets")),
            RequestPath = "/assets",
        });

        // Routing after the status-code pages: a re-executed request (an unknown page, a file that is not there)
        // is routed again, to the not-found page, instead of keeping the empty endpoint it failed with.
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<PasswordChangeGate>();
        app.UseMiddleware<AbsentRecordPages>();
        app.UseLgspBroker();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAccountEndpoints();
        app.MapDirectoryEndpoints();
        app.MapRequestEndpoints();
        app.MapStatisticsEndpoints();
        app.MapLgspBroker();
        app.MapFallback(
            "/api/{**path}",
            (HttpContext http, EndpointDataSource endpoints) => BrokerProblems.NoEndpoint(http, endpoints));
        app.MapHealthChecks("/healthz").AllowAnonymous();
        app.MapHangfireDashboard("/jobs", new DashboardOptions
        {
            Authorization = [new AdministratorDashboardFilter()],
            DisplayStorageConnectionString = false,
            AppPath = "/",
        });

        // Hourly, so a reminder is never more than an hour late; the job itself makes repeats harmless.
        app.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<DeadlineReminders>(
            DeadlineReminders.JobId,
            job => job.RunAsync(CancellationToken.None),
            Cron.Hourly());

        // Every quarter of an hour: today's figures stay fresh; past days are final once computed after midnight.
        app.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<Statistics.TrafficStatisticsJob>(
            Statistics.TrafficStatisticsJob.JobId,
            job => job.RunAsync(CancellationToken.None),
            "*/15 * * * *");

        // Hourly: requests are few, and every run recounts every month.
        app.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<Statistics.RequestStatisticsJob>(
            Statistics.RequestStatisticsJob.JobId,
            job => job.RunAsync(CancellationToken.None),
            Cron.Hourly(5));

        // Hourly: a day settles once its last recipient is final, usually within a week (the longest expiry).
        app.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<Statistics.SettledListings>(
            Statistics.SettledListings.JobId,
            job => job.Settle(CancellationToken.None),
            Cron.Hourly(10));

        // Once a day (02:00 UTC): raw records past retention go, their aggregates stay.
        app.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<RawDataRetention>(
            RawDataRetention.JobId,
            job => job.RunAsync(CancellationToken.None),
            Cron.Daily(2));
        return app;
    }

    private static void ConfigureCookie(CookieAuthenticationOptions options)
    {
        options.LoginPath = "/account/login";
        options.LogoutPath = "/account/logout";
        options.AccessDeniedPath = "/account/access-denied";
        options.Cookie.Name = "lgsp.auth";
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.ExpireTimeSpan = TimeSpan.FromHours(8);
        options.SlidingExpiration = true;
    }
}
