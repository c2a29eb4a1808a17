using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CpanelSessionOps.Checks;

namespace CpanelSessionOps.Action;

/// <summary>
/// The results as the JSON array of the <c>results</c> output and of <c>check --output json</c>: written element by
/// element into the writer, so a check of 10,000 mailboxes never holds its JSON (or a copy of its results) as a whole.
/// </summary>
internal static class ResultsJson
{
    public static void Write(TextWriter writer, IReadOnlyList<MailboxCheckResult> results)
    {
        var bytes = new ArrayBufferWriter<byte>(512);
        using var json = new Utf8JsonWriter(bytes);
        var chars = ArrayPool<char>.Shared.Rent(512);
        try
        {
            writer.Write('[');
            for (var i = 0; i < results.Count; i++)
            {
                var result = results[i];
                bytes.ResetWrittenCount();
                json.Reset(bytes);
                JsonSerializer.Serialize(json, new ResultDto(result.Mailbox, result.Ok, (long)result.Latency.TotalMilliseconds, result.ErrorClass, result.Message),
                    ActionJsonContext.Default.ResultDto);
                json.Flush();
                if (Encoding.UTF8.GetMaxCharCount(bytes.WrittenCount) > chars.Length)
                {
                    ArrayPool<char>.Shared.Return(chars);
                    chars = ArrayPool<char>.Shared.Rent(Encoding.UTF8.GetMaxCharCount(bytes.WrittenCount));
                }

                if (i > 0)
                {
                    writer.Write(',');
                }

                writer.Write(chars, 0, Encoding.UTF8.GetChars(bytes.WrittenSpan, chars));
            }

            writer.Write(']');
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }
}

/// <summary>One result in the JSON: never the link.</summary>
internal sealed record ResultDto(string Mailbox, bool Ok, long LatencyMs, string? ErrorClass, string? Message);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ResultDto))]
internal sealed partial class ActionJsonContext : JsonSerializerContext;
