namespace CpanelSessionOps.Emulator.Seed;

/// <summary>
/// The accounts, mailboxes and WHM users an emulator starts with. This is the documented seed file format
/// (camelCase JSON); see <c>docs/emulator.md</c>.
/// </summary>
public sealed class EmulatorSeed
{
    /// <summary>WHM users: <c>root</c> and resellers, with their API tokens.</summary>
    public IList<SeedWhmUser> WhmUsers { get; set; } = [];

    /// <summary>cPanel accounts with their domains, tokens and mailboxes.</summary>
    public IList<SeedAccount> Accounts { get; set; } = [];

    /// <summary>How the server sees itself: its public address and whether its host name resolves, which decide the host
    /// WHM puts in login URLs.</summary>
    public SeedServer Server { get; set; } = new();
}
