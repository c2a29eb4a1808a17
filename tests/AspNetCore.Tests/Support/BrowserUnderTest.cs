using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CpanelSessionOps.AspNetCore.Tests.Support;

/// <summary>
/// Headless Chromium as the machine has it (Debian's <c>chromium</c> package, which <c>.ci/run</c> installs when missing),
/// driven by Microsoft.Playwright through its <c>ExecutablePath</c>: Playwright's own browser download is never used. The
/// calling test is skipped, saying how to install it, when there is no Chromium.
/// </summary>
public sealed class BrowserUnderTest : IAsyncDisposable
{
    /// <summary>Names another Chromium (or Chrome) binary than <c>/usr/bin/chromium</c>.</summary>
    public const string PathVariable = "CPANEL_SESSION_OPS_CHROMIUM";

    /// <summary>Every wait of Playwright's is bounded by this: a hang guard on a loaded machine, never a timed assertion.</summary>
    private const float HangGuardMilliseconds = 120_000;

    private readonly IPlaywright _playwright;

    private BrowserUnderTest(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    /// <summary>Where screenshots go: <c>TestResults/browser</c> beside the test assembly, for people to look at.</summary>
    public static string ScreenshotDirectory => Path.Combine(AppContext.BaseDirectory, "TestResults", "browser");

    /// <summary>Where Chromium is looked for: <see cref="PathVariable"/> when set, else Debian's <c>/usr/bin/chromium</c>.</summary>
    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } configured ? configured : "/usr/bin/chromium";

    public static async Task<BrowserUnderTest> LaunchAsync()
    {
        var chromium = ChromiumPath;
        Skip.If(!File.Exists(chromium),
            $"Chromium is not installed at {chromium}: run .ci/run (it installs Debian's chromium with apt-get) or set {PathVariable} to a Chromium or Chrome binary.");
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = chromium,
                Headless = true,
                Timeout = HangGuardMilliseconds,
                // Containers often have a small /dev/shm; the sandbox is Playwright's default choice (off) for root in CI.
                Args = ["--disable-dev-shm-usage"],
            });
            return new BrowserUnderTest(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>A fresh browser profile (no cookies, no history). The emulator's certificate is self-signed, as a test
    /// server's is: the context accepts it.</summary>
    public async Task<IBrowserContext> NewContextAsync(bool javaScriptEnabled = true)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            IgnoreHTTPSErrors = true,
            JavaScriptEnabled = javaScriptEnabled,
            ViewportSize = new ViewportSize { Width = 900, Height = 640 },
        });
        context.SetDefaultTimeout(HangGuardMilliseconds);
        context.SetDefaultNavigationTimeout(HangGuardMilliseconds);
        return context;
    }

    /// <summary>Saves a screenshot of <paramref name="page"/> under <see cref="ScreenshotDirectory"/> and says where.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name, ITestOutputHelper output)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var path = Path.Combine(ScreenshotDirectory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"screenshot: {path}");
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
