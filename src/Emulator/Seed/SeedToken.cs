using System.Text.Json.Serialization;

namespace CpanelSessionOps.Emulator.Seed;

/// <summary>An API token. In a seed file it may be written as a plain string (a token that never expires).</summary>
[JsonConverter(typeof(SeedTokenJsonConverter))]
public sealed class SeedToken
{
    /// <summary>The token's name (1 to 50 of <c>[A-Za-z0-9_-]</c>).</summary>
    public string Name { get; set; } = "";

    /// <summary>The token value presented in the <c>Authorization</c> header.</summary>
    public string Token { get; set; } = "";

    /// <summary>When the token stops working, or <see langword="null"/> for never.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }
}
