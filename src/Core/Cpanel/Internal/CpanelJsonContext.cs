using System.Text.Json.Serialization;

namespace CpanelSessionOps.Cpanel.Internal;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(UapiEnvelope))]
[JsonSerializable(typeof(WhmEnvelope))]
internal sealed partial class CpanelJsonContext : JsonSerializerContext;
