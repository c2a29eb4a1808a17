namespace CpanelSessionOps.Emulator.Seed;

/// <summary>A WHM user: <c>root</c> or a reseller.</summary>
public sealed class SeedWhmUser
{
    /// <summary>The WHM user name (<c>root</c> or the reseller's user name).</summary>
    public string User { get; set; } = "";

    /// <summary>Whether this user is a reseller. <c>root</c> is never a reseller.</summary>
    public bool Reseller { get; set; }

    /// <summary>The password for HTTP Basic authentication on the WHM port, or <see langword="null"/> for none.</summary>
    public string? Password { get; set; }

    /// <summary>WHM API tokens, written either as plain strings or as token objects.</summary>
    public IList<SeedToken> Tokens { get; set; } = [];
}
