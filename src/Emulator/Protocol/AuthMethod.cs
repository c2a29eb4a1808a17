namespace CpanelSessionOps.Emulator.Protocol;

/// <summary>How a request proved who it is.</summary>
internal enum AuthMethod
{
    ApiToken,
    Password,

    /// <summary>A browser session cookie: the only way <c>create_temp_user</c> acts.</summary>
    Session,
}
