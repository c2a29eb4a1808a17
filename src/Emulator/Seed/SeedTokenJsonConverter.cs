using System.Text.Json;
using System.Text.Json.Serialization;

namespace CpanelSessionOps.Emulator.Seed;

/// <summary>Reads a token written either as <c>"TOKEN"</c> or as <c>{"name","token","expiresAt"}</c>.</summary>
internal sealed class SeedTokenJsonConverter : JsonConverter<SeedToken>
{
    public override SeedToken Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            var value = reader.GetString() ?? "";
            return new SeedToken { Name = "token", Token = value };
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A token is either a string or an object with \"name\", \"token\" and \"expiresAt\".");
        }

        string name = "token", token = "";
        DateTimeOffset? expiresAt = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var property = reader.GetString();
            reader.Read();
            switch (property?.ToUpperInvariant())
            {
                case "NAME":
                    name = reader.GetString() ?? "";
                    break;
                case "TOKEN":
                    token = reader.GetString() ?? "";
                    break;
                case "EXPIRESAT":
                    expiresAt = reader.TokenType == JsonTokenType.Null ? null : reader.GetDateTimeOffset();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new SeedToken { Name = name, Token = token, ExpiresAt = expiresAt };
    }

    public override void Write(Utf8JsonWriter writer, SeedToken value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("name", value.Name);
        writer.WriteString("token", value.Token);
        if (value.ExpiresAt is { } expiresAt)
        {
            writer.WriteString("expiresAt", expiresAt);
        }
        else
        {
            writer.WriteNull("expiresAt");
        }

        writer.WriteEndObject();
    }
}
