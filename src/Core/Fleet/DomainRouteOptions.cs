namespace CpanelSessionOps.Fleet;

/// <summary>Routes a domain (or every subdomain of one) to a server.</summary>
public sealed class DomainRouteOptions
{
    /// <summary><c>example.com</c>, <c>*.example.com</c> for its subdomains (not the domain itself), or <c>*</c> for every
    /// domain no other route matches (a one-server fleet). Unicode or punycode.</summary>
    public string? Domain { get; set; }

    /// <summary>The name of a server in <see cref="FleetOptions.Servers"/>.</summary>
    public string? Server { get; set; }

    /// <summary>The cPanel account that owns the domain; for cPanel-token and password servers it must be the server's
    /// user (defaults to it). WHM-token servers need none.</summary>
    public string? Owner { get; set; }
}
