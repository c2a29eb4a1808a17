using System.Collections.ObjectModel;
using System.Diagnostics;

namespace CpanelSessionOps.AspNetCore.Tests.Support;

/// <summary>
/// Where a host's in-memory trace exporter writes: the spans of one trace only (listeners are process-wide, and other tests'
/// hosts run beside this one), and a signal once the request's own server span, which ends last, has been exported: the
/// one whose parent is the caller's <paramref name="callerSpanId"/> (the emulator, in the same process, serves the cPanel
/// calls of the trace with server spans of its own).
/// </summary>
public sealed class ExportedSpanCollection(ActivityTraceId traceId, ActivitySpanId callerSpanId) : Collection<Activity>
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
            if (item.Kind == ActivityKind.Server && item.ParentSpanId == callerSpanId)
            {
                _requestEnded.TrySetResult([.. Items]);
            }
        }
    }
}
