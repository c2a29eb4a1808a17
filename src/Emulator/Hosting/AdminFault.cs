using CpanelSessionOps.Emulator.Faults;

namespace CpanelSessionOps.Emulator.Hosting;

/// <summary>A fault as the admin endpoint reads and writes it: the delay in milliseconds.</summary>
internal sealed record AdminFault(string? Function, FaultKind? Kind, int? DelayMs, int? Times, int? RetryAfterSeconds);
