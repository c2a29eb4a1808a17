using System.Text.Json.Serialization;

namespace CpanelSessionOps.Functions.ChatOps.BackgroundWork;

/// <summary>Source-generated JSON for queue messages; enums by name, so a message reads the same after a reorder.</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(ChatWorkItem))]
internal sealed partial class ChatWorkJsonContext : JsonSerializerContext;
