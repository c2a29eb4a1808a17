namespace CpanelSessionOps.Emulator.Hosting;

internal sealed record AdminError(string Error);
