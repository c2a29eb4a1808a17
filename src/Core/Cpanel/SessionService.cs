namespace CpanelSessionOps.Cpanel;

/// <summary>The service a session logs in to.</summary>
public enum SessionService
{
    /// <summary>Webmail (<c>webmaild</c>, port 2096).</summary>
    Webmail,

    /// <summary>cPanel (<c>cpaneld</c>, port 2083).</summary>
    Cpanel,

    /// <summary>WHM (<c>whostmgrd</c>, port 2087).</summary>
    Whm,
}
