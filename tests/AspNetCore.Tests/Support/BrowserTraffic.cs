using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace CpanelSessionOps.AspNetCore.Tests.Support;

/// <summary>What a browser context asked for: every request (redirect hops included) with its method and form body, and
/// every document the main frame of a page showed.</summary>
public sealed class BrowserTraffic
{
    private readonly ConcurrentQueue<IRequest> _requests = new();
    private readonly ConcurrentQueue<string> _documents = new();

    private BrowserTraffic()
    {
    }

    public IReadOnlyList<IRequest> Requests => [.. _requests];

    /// <summary>The URLs the main frame navigated to, in order.</summary>
    public IReadOnlyList<string> Documents => [.. _documents];

    public static BrowserTraffic Record(IBrowserContext context, IPage page)
    {
        var traffic = new BrowserTraffic();
        context.Request += (_, request) => traffic._requests.Enqueue(request);
        page.FrameNavigated += (_, frame) =>
        {
            if (frame == page.MainFrame)
            {
                traffic._documents.Enqueue(frame.Url);
            }
        };
        return traffic;
    }
}
