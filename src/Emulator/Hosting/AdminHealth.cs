namespace CpanelSessionOps.Emulator.Hosting;

/// <summary>The admin <c>/health</c> document: the emulator is up, where its listeners are, and how much it has served.</summary>
internal sealed record AdminHealth(
    string Status, string CpanelUrl, string WhmUrl, string WebmailUrl, string CertificateSha256, int SessionsMinted, long RequestsServed);
