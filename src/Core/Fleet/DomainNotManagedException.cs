namespace CpanelSessionOps.Fleet;

/// <summary>The domain of an address is not routed to any server of the fleet.</summary>
public sealed class DomainNotManagedException : Exception
{
    /// <summary>Creates the exception for <paramref name="domain"/>.</summary>
    public DomainNotManagedException(string domain)
        : base($"The domain {domain} is not managed here: no route in Fleet:Routes matches it.") => Domain = domain;

    /// <summary>Creates the exception.</summary>
    public DomainNotManagedException()
        : this("(none)")
    {
    }

    /// <summary>Creates the exception.</summary>
    public DomainNotManagedException(string message, Exception? innerException)
        : base(message, innerException) => Domain = "";

    /// <summary>The domain, in punycode.</summary>
    public string Domain { get; }
}
