namespace CpanelSessionOps.Emulator.Protocol;

/// <summary>Where a successful <c>session=</c> login's 307 points.</summary>
public enum LoginRedirectTarget
{
    /// <summary>Straight at the theme page (WHM: <c>/cpsessN/</c>, which is its landing page).</summary>
    ThemePage,

    /// <summary>At <c>/cpsessN/</c>, which redirects on to the theme page: a server may do either (not known which).</summary>
    SessionRoot,
}
