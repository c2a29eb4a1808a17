using System.Text.Json.Serialization;
using CpanelSessionOps.Emulator.State;

namespace CpanelSessionOps.Emulator.Hosting;

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
