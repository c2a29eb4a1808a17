using System.Collections.ObjectModel;
using System.Diagnostics;

namespace CpanelSessionOps.AspNetCore.Tests.Support;

/// <summary>
/// Where a host's in-memory trace exporter writes: the spans of one trace only (listeners are process-wide, and other tests'
/// hosts run beside this one), and a signal once the request's own server span, which ends last, has been exported.
/// </summary>
public sealed class ExportedSpanCollection(ActivityTraceId traceId) : Collection<Activity>
{
    private readonly TaskCompletionSource<IReadOnlyList<Activity>> _requestEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The trace's spans, once its server span was exported.</summary>
    public Task<IReadOnlyList<Activity>> RequestEnded => _requestEnded.Task;

    protected override void InsertItem(int index, Activity item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.TraceId != traceId)
        {
            return;
        }

        lock (Items)
        {
            base.InsertItem(Count, item);
            if (item.Kind == ActivityKind.Server)
            {
                _requestEnded.TrySetResult([.. Items]);
            }
        }
    }
}
