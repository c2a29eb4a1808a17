namespace CpanelSessionOps.Fleet;

/// <summary>A cPanel user is not held by any server of the fleet: no route names it as owner, and no cPanel-token or password
/// server authenticates as it.</summary>
public sealed class CpanelUserNotManagedException : CpanelSessionOpsException
{
    /// <summary>Creates the exception for <paramref name="cpanelUser"/>.</summary>
    /// <param name="cpanelUser">The cPanel user asked for.</param>
    public CpanelUserNotManagedException(string cpanelUser)
        : base(ErrorClass.NotManaged, "not-managed", $"The cPanel user {cpanelUser} is not managed here: no route names it as owner.") => CpanelUser = cpanelUser;

    /// <summary>The cPanel user asked for.</summary>
    public string CpanelUser { get; }
}
