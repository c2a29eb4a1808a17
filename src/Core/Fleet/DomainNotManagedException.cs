namespace CpanelSessionOps.Fleet;

/// <summary>The domain of an address is not routed to any server of the fleet.</summary>
public sealed class DomainNotManagedException : CpanelSessionOpsException
{
    /// <summary>Creates the exception for <paramref name="domain"/>.</summary>
    /// <param name="domain">The domain, in punycode.</param>
    public DomainNotManagedException(string domain)
        : base(ErrorClass.NotManaged, "not-managed", $"The domain {domain} is not managed here: no route in Fleet:Routes matches it.") => Domain = domain;

    /// <summary>The domain, in punycode.</summary>
    public string Domain { get; }
}
