namespace CpanelSessionOps.Emulator.State;

/// <summary>The three cPanel services a session can be for.</summary>
public enum EmulatedSessionService
{
    /// <summary>cPanel (<c>cpaneld</c>, port 2083).</summary>
    Cpanel,

    /// <summary>Webmail (<c>webmaild</c>, port 2096).</summary>
    Webmail,

    /// <summary>WHM (<c>whostmgrd</c>, port 2087).</summary>
    Whm,
}
