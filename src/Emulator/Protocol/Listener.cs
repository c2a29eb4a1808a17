namespace CpanelSessionOps.Emulator.Protocol;

/// <summary>Which of the emulator's listeners a connection came in on.</summary>
internal enum Listener
{
    Cpanel,
    Whm,
    Webmail,
    Admin,
}
