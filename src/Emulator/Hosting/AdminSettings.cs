namespace CpanelSessionOps.Emulator.Hosting;

/// <summary>The run-time switches the admin endpoint can change.</summary>
internal sealed record AdminSettings(bool? PasswordFailureAsLoginPage, int? LoginFailureStatusCode);
