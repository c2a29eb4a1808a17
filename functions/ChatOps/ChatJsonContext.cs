using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CpanelSessionOps.Functions.ChatOps;

/// <summary>Source-generated JSON for the chat answers (built as <see cref="JsonObject"/>s, shaped per platform).</summary>
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class ChatJsonContext : JsonSerializerContext;
