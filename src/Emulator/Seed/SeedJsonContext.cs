using System.Text.Json.Serialization;

namespace CpanelSessionOps.Emulator.Seed;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    WriteIndented = true)]
[JsonSerializable(typeof(EmulatorSeed))]
internal sealed partial class SeedJsonContext : JsonSerializerContext;
