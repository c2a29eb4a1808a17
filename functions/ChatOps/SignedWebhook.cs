using Microsoft.AspNetCore.Mvc;

namespace CpanelSessionOps.Functions.ChatOps;

/// <summary>A webhook request after <see cref="WebhookRequests.ReadSignedAsync"/>: its correlation id, and either its raw
/// body, signed by the platform, or the answer already decided (<see cref="Rejection"/>), in which case the body is empty.</summary>
internal readonly record struct SignedWebhook(string CorrelationId, byte[] Body, IActionResult? Rejection);
