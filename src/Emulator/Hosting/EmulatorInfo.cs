namespace CpanelSessionOps.Emulator.Hosting;

/// <summary>What the emulator writes to its info file once it is listening, for scripts.</summary>
internal sealed record EmulatorInfo(string CpanelUrl, string WhmUrl, string WebmailUrl, string AdminUrl, string CertificateSha256);
