namespace CpanelSessionOps.Cpanel;

/// <summary>The kind of error cPanel typed into a failed call's <c>data.type</c>, when it did.</summary>
public enum CpanelErrorKind
{
    /// <summary>No typed error: read <see cref="CpanelApiException.Errors"/>.</summary>
    Unspecified,

    /// <summary>The mailbox password was wrong.</summary>
    BadPassword,

    /// <summary>Logins for the mailbox (or the user) are suspended.</summary>
    Suspended,

    /// <summary>The mailbox does not exist or the account does not own it.</summary>
    UserNotFound,

    /// <summary>cPanel typed the error with a kind this client does not know.</summary>
    Other,
}
