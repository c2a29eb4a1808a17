using System.Text.Json.Serialization;
using CpanelSessionOps.Emulator.Faults;
using CpanelSessionOps.Emulator.State;

namespace CpanelSessionOps.Emulator.Hosting;

/// <summary>A fault as the admin endpoint reads and writes it: the delay in milliseconds.</summary>
internal sealed record AdminFault(string? Function, FaultKind? Kind, int? DelayMs, int? Times, int? RetryAfterSeconds);

/// <summary>The run-time switches the admin endpoint can change.</summary>
internal sealed record AdminSettings(bool? PasswordFailureAsLoginPage, int? LoginFailureStatusCode);

/// <summary>What the emulator writes to its info file once it is listening, for scripts.</summary>
internal sealed record EmulatorInfo(string CpanelUrl, string WhmUrl, string WebmailUrl, string AdminUrl, string CertificateSha256);

internal sealed record AdminError(string Error);

/// <summary>The admin <c>/health</c> document: the emulator is up, where its listeners are, and how much it has served.</summary>
internal sealed record AdminHealth(
    string Status, string CpanelUrl, string WhmUrl, string WebmailUrl, string CertificateSha256, int SessionsMinted, long RequestsServed);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    UseStringEnumConverter = true,
    WriteIndented = true)]
[JsonSerializable(typeof(AdminFault))]
[JsonSerializable(typeof(List<AdminFault>))]
[JsonSerializable(typeof(AdminSettings))]
[JsonSerializable(typeof(EmulatorInfo))]
[JsonSerializable(typeof(AdminError))]
[JsonSerializable(typeof(AdminHealth))]
[JsonSerializable(typeof(IReadOnlyList<EmulatedSession>))]
[JsonSerializable(typeof(IReadOnlyList<RequestLogEntry>))]
internal sealed partial class AdminJsonContext : JsonSerializerContext;
