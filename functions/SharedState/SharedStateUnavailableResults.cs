using CpanelSessionOps.Functions.Api;
using CpanelSessionOps.SharedState;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using ApiResponseHeaders = CpanelSessionOps.AspNetCore.Internal.ApiResponseHeaders;
using ProblemMapper = CpanelSessionOps.AspNetCore.Internal.ProblemMapper;

namespace CpanelSessionOps.Functions.SharedState;

/// <summary>
/// A webhook whose delivery could not be checked against the shared table (fail closed) answers 503 with the same
/// problem type as a mint, never the host's bare 500: nothing was handled, and the platform may deliver it again.
/// </summary>
internal static class SharedStateUnavailableResults
{
    public static async Task<IActionResult> OrSharedStateUnavailableAsync(this Task<IActionResult> handling, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(handling);
        try
        {
            return await handling.ConfigureAwait(false);
        }
        catch (SharedStateUnavailableException ex)
        {
            return new ProblemResult(ProblemMapper.Create("shared-state-unavailable", 503, "The shared delivery store is unavailable.", ex.Message,
                ApiResponseHeaders.CorrelationId(request.HttpContext), 30));
        }
    }
}
