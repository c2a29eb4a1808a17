using System.Text.RegularExpressions;
using CpanelSessionOps.AspNetCore.Tests.Support;
using CpanelSessionOps.Emulator.Hosting;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CpanelSessionOps.AspNetCore.Tests;

/// <summary>
/// The launch page in a real browser: headless Chromium (Debian's, through Playwright) signs in to the plugin's host on
/// loopback, opens the launch link and lands in the emulator's webmail over HTTPS. The session string must travel only in
/// the form body: in no URL the browser requested, no history entry, no <c>Referer</c> the emulator saw. Skipped without
/// Chromium.
/// </summary>
public sealed class LaunchPageBrowserTests(ITestOutputHelper output)
{
    private const string LaunchPath = "/api/webmail/launch?email=alice%40example.com";

    // The host's own sign-in only (a cookie, standing in for OpenID Connect): App Service's header is not trusted here.
    private static readonly Dictionary<string, string?> SignedInByTheHost = new() { ["Api:TrustAppServiceAuthentication"] = "false" };

    [SkippableFact]
    public async Task Launch_SignedInUser_LandsInWebmailWithTheSessionInNoUrlHistoryOrReferer()
    {
        await using var signedIn = await SignedInBrowser.OpenAsync();
        var (emulator, host, context, page) = (signedIn.Emulator, signedIn.Host, signedIn.Context, signedIn.Page);
        var traffic = signedIn.Traffic;

        var launch = await page.GotoAsync(new Uri(host.BaseAddress, LaunchPath).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        await page.WaitForURLAsync(WebmailPage(emulator));

        Assert.Equal(200, launch!.Status);
        Assert.Equal("Webmail", await page.TitleAsync());
        Assert.Equal(1, await page.Locator("main#webmail").CountAsync());
        var session = PostedSession(traffic, emulator);
        Assert.StartsWith("alice@example.com:", session, StringComparison.Ordinal);
        Assert.Single(emulator.Sessions, s => s.Used);
        await BrowserUnderTest.ScreenshotAsync(page, nameof(Launch_SignedInUser_LandsInWebmailWithTheSessionInNoUrlHistoryOrReferer), output);

        foreach (var request in traffic.Requests)
        {
            AssertHoldsNoSecret("the URL of " + request.Method + " " + request.Url, request.Url, session);
        }

        foreach (var document in traffic.Documents)
        {
            AssertHoldsNoSecret("the page URL " + document, document, session);
        }

        var history = await HistoryAsync(context, page);
        output.WriteLine("history: " + string.Join(" | ", history) + " length " + await page.EvaluateAsync<int>("history.length"));
        output.WriteLine("documents: " + string.Join(" | ", traffic.Documents));
        foreach (var entry in history)
        {
            AssertHoldsNoSecret("the history entry " + entry, entry, session);
        }

        // The page posts while it loads, so the login replaces it in the history: Back cannot open it again.
        Assert.DoesNotContain(history, entry => entry.Contains("/api/webmail/launch", StringComparison.Ordinal));
        Assert.Equal(page.Url, history[^1]);

        Assert.Equal(history.Count, await page.EvaluateAsync<int>("history.length"));
        foreach (var navigation in await page.EvaluateAsync<string[]>("performance.getEntriesByType('navigation').map(e => e.name)"))
        {
            AssertHoldsNoSecret("the navigation entry " + navigation, navigation, session);
        }

        // The login itself carries no Referer (the page's no-referrer policy); nothing the emulator saw points back at the launch.
        Assert.Null(Assert.Single(emulator.Requests.Entries, e => e.Function == "login").Referer);
        foreach (var entry in emulator.Requests.Entries)
        {
            output.WriteLine($"emulator: {entry.Method} {entry.Target} {entry.StatusCode} referer={entry.Referer ?? "(none)"}");
            // The log redacts secret query values, so a session in a URL would show as session=[redacted].
            Assert.DoesNotContain("session=", entry.Target, StringComparison.OrdinalIgnoreCase);
            if (entry.Referer is { } referer)
            {
                Assert.DoesNotContain(host.BaseAddress.Authority, referer, StringComparison.Ordinal);
                Assert.DoesNotContain("session=", referer, StringComparison.OrdinalIgnoreCase);
            }
        }

        foreach (var request in traffic.Requests.Where(r => r.Url.StartsWith(emulator.WebmailUri.AbsoluteUri, StringComparison.Ordinal)))
        {
            if (await request.HeaderValueAsync("referer") is { } referer)
            {
                Assert.DoesNotContain(host.BaseAddress.Authority, referer, StringComparison.Ordinal);
                AssertHoldsNoSecret("the Referer of " + request.Url, referer, session);
            }
        }

        // Back from webmail: the launch page must not be there to launch again (it would mint and log in once more).
        await page.GoBackAsync();

        Assert.Equal(new Uri(host.BaseAddress, ApiHostUnderTest.SignInPath).AbsoluteUri, page.Url);
        Assert.Single(emulator.Sessions);
        Assert.Single(emulator.Requests.Entries, e => e.Function == "login");
    }

    [SkippableFact]
    public async Task Launch_TheSamePageOpenedAgain_DoesNotLogInAgain()
    {
        // The page is no-store, but a copy may be kept anyway (a proxy, a saved page, a browser restoring it): opened again it
        // posts the same session, which is spent.
        await using var signedIn = await SignedInBrowser.OpenAsync();
        var (emulator, host, page) = (signedIn.Emulator, signedIn.Host, signedIn.Page);
        var launchUrl = new Uri(host.BaseAddress, LaunchPath).AbsoluteUri;
        IAPIResponse? first = null;
        byte[] firstBody = [];
        await page.RouteAsync(url => url == launchUrl, async route =>
        {
            if (first is null)
            {
                first = await route.FetchAsync();
                firstBody = await first.BodyAsync();
            }

            await route.FulfillAsync(new RouteFulfillOptions { Status = first.Status, Headers = first.Headers, BodyBytes = firstBody });
        });
        await page.GotoAsync(launchUrl, new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        await page.WaitForURLAsync(WebmailPage(emulator));

        await page.GotoAsync(launchUrl, new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        await page.WaitForURLAsync(new Regex($"^https://127\\.0\\.0\\.1:{emulator.WebmailUri.Port}/cpsess[0-9]{{10}}/login/?$"));

        Assert.Equal("Webmail Login", await page.TitleAsync());
        Assert.True(Assert.Single(emulator.Sessions).Used);
        Assert.Equal([307, emulator.LoginFailureStatusCode],
            emulator.Requests.Entries.Where(e => e.Function == "login").Select(e => e.StatusCode));
    }

    [SkippableFact]
    public async Task Launch_ScriptsOff_ThePageWaitsAndItsButtonLogsIn()
    {
        await using var signedIn = await SignedInBrowser.OpenAsync(javaScriptEnabled: false);
        var (emulator, host, context, page) = (signedIn.Emulator, signedIn.Host, signedIn.Context, signedIn.Page);
        var traffic = signedIn.Traffic;

        await page.GotoAsync(new Uri(host.BaseAddress, LaunchPath).AbsoluteUri);

        Assert.Equal("Opening webmail", await page.TitleAsync());
        var button = page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Open webmail" });
        Assert.True(await button.IsVisibleAsync());
        Assert.Equal("Scripts are off: press the button to log in.", await page.Locator("noscript p").InnerTextAsync());
        Assert.DoesNotContain(emulator.Requests.Entries, e => e.Function == "login");
        await BrowserUnderTest.ScreenshotAsync(page, nameof(Launch_ScriptsOff_ThePageWaitsAndItsButtonLogsIn), output);

        await button.ClickAsync();
        await page.WaitForURLAsync(WebmailPage(emulator));

        Assert.Equal(1, await page.Locator("main#webmail").CountAsync());
        Assert.Single(emulator.Sessions, s => s.Used);
        var session = PostedSession(traffic, emulator);
        foreach (var request in traffic.Requests)
        {
            AssertHoldsNoSecret("the URL of " + request.Method + " " + request.Url, request.Url, session);
        }

        foreach (var entry in await HistoryAsync(context, page))
        {
            AssertHoldsNoSecret("the history entry " + entry, entry, session);
        }

        Assert.Null(Assert.Single(emulator.Requests.Entries, e => e.Function == "login").Referer);
    }

    [SkippableFact]
    public async Task Launch_RedirectModeForApiCallers_PutsTheSessionInTheRequestedUrl()
    {
        // What the page avoids, for contrast: the GET link mode=redirect answers (documented as such) puts the session in a URL
        // the browser requests, which the emulator's log shows (redacted).
        await using var signedIn = await SignedInBrowser.OpenAsync();
        var (emulator, host, page) = (signedIn.Emulator, signedIn.Host, signedIn.Page);
        var traffic = signedIn.Traffic;

        await page.GotoAsync(new Uri(host.BaseAddress, LaunchPath + "&mode=redirect").AbsoluteUri);

        Assert.Matches(WebmailPage(emulator), page.Url);
        var login = Assert.Single(traffic.Requests, r => Regex.IsMatch(r.Url, "/cpsess[0-9]{10}/login/?\\?"));
        var session = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(login.Url).Query)["session"].ToString();
        Assert.StartsWith("alice@example.com:", session, StringComparison.Ordinal);
        Assert.Contains(emulator.Requests.Entries, e => e.Function == "login" && e.Target.Contains("session=[redacted]", StringComparison.Ordinal));
    }


    private static Regex WebmailPage(CpanelEmulator emulator) =>
        new($"^https://127\\.0\\.0\\.1:{emulator.WebmailUri.Port}/cpsess[0-9]{{10}}/webmail/jupiter/index\\.html(\\?|$)");

    /// <summary>The session the browser posted to the emulator's login: the one form body that may carry it.</summary>
    private static string PostedSession(BrowserTraffic traffic, CpanelEmulator emulator)
    {
        var login = Assert.Single(traffic.Requests, r => r.Method == "POST" && r.Url.StartsWith(emulator.WebmailUri.AbsoluteUri, StringComparison.Ordinal)
            && Regex.IsMatch(r.Url, "/cpsess[0-9]{10}/login/?$"));
        var form = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery("?" + login.PostData);
        var session = form["session"].ToString();
        Assert.False(string.IsNullOrEmpty(session), "the login POST carried no session");
        return session;
    }

    /// <summary>The tab's session history as Chromium keeps it (DevTools' <c>Page.getNavigationHistory</c>).</summary>
    private static async Task<IReadOnlyList<string>> HistoryAsync(IBrowserContext context, IPage page)
    {
        var devTools = await context.NewCDPSessionAsync(page);
        var history = await devTools.SendAsync("Page.getNavigationHistory");
        return [.. history!.Value.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("url").GetString() ?? "")];
    }

    private static void AssertHoldsNoSecret(string where, string text, string session) => Assert.False(HoldsSecret(text, session), where + " holds the session");

    /// <summary>The session or either of its random parts (<c>user:RANDOM16:tag,HEX32</c>), raw or percent-encoded.</summary>
    private static bool HoldsSecret(string text, string session)
    {
        var parts = session.Split(':', ',');
        Assert.True(parts.Length == 4, "the session is not user:random:tag,hex");
        var decoded = Uri.UnescapeDataString(text);
        return new[] { session, Uri.EscapeDataString(session), parts[1], parts[3] }
            .Any(secret => text.Contains(secret, StringComparison.Ordinal) || decoded.Contains(secret, StringComparison.Ordinal));
    }

    /// <summary>A browser signed in to the plugin's host (its own cookie sign-in) in front of a fresh emulator, its traffic
    /// recorded from the first request.</summary>
    private sealed class SignedInBrowser : IAsyncDisposable
    {
        private readonly BrowserUnderTest _browser;

        private SignedInBrowser(BrowserUnderTest browser, CpanelEmulator emulator, ApiHostUnderTest host, IBrowserContext context, IPage page)
        {
            (_browser, Emulator, Host, Context, Page) = (browser, emulator, host, context, page);
            Traffic = BrowserTraffic.Record(context, page);
        }

        public CpanelEmulator Emulator { get; }

        public ApiHostUnderTest Host { get; }

        public IBrowserContext Context { get; }

        public IPage Page { get; }

        public BrowserTraffic Traffic { get; }

        public static async Task<SignedInBrowser> OpenAsync(bool javaScriptEnabled = true)
        {
            var browser = await BrowserUnderTest.LaunchAsync();
            var emulator = await CpanelEmulator.StartAsync();
            var host = await ApiHostUnderTest.StartAsync(HostKind.Plugin, emulator, SignedInByTheHost);
            var context = await browser.NewContextAsync(javaScriptEnabled);
            var signedIn = new SignedInBrowser(browser, emulator, host, context, await context.NewPageAsync());
            var page = await signedIn.Page.GotoAsync(new Uri(host.BaseAddress, ApiHostUnderTest.SignInPath).AbsoluteUri);
            Assert.Equal(200, page!.Status);
            return signedIn;
        }

        public async ValueTask DisposeAsync()
        {
            await Context.DisposeAsync();
            await Host.DisposeAsync();
            await Emulator.DisposeAsync();
            await _browser.DisposeAsync();
        }
    }
}
