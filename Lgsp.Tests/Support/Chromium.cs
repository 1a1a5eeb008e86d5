using Microsoft.Playwright;

namespace Lgsp.Tests.Support;

/// <summary>Debian's Chromium driven by Playwright's bundled driver; nothing is downloaded.</summary>
internal static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        Assert.True(File.Exists(ExecutablePath), "Chromium is missing: run scripts/setup.sh (the test command does).");
        // Expectations poll until they hold; on a busy two-core CI machine a page can need more than 5 s.
        Assertions.SetDefaultExpectTimeout(15_000);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
        return (playwright, browser);
    }

    /// <summary>
    /// Sets a file input's files once Blazor's InputFile has hooked the element: a change fired before that hook is
    /// lost, which a busy machine makes likely right after a page appears.
    /// </summary>
    public static async Task SetFilesAsync(IPage page, string selector, FilePayload file)
    {
        await page.WaitForFunctionAsync(
            "selector => document.querySelector(selector)?._blazorInputFileNextFileId !== undefined", selector);
        await page.SetInputFilesAsync(selector, file);
    }
}
