using CpanelSessionOps.Cpanel;
using CpanelSessionOps.Credentials;
using Microsoft.Extensions.Options;

namespace CpanelSessionOps.Fleet;

/// <summary>Checks the fleet at start and reports every problem at once, each naming its configuration key and the fix.</summary>
internal sealed class FleetOptionsValidator : IValidateOptions<FleetOptions>
{
    public ValidateOptionsResult Validate(string? name, FleetOptions options)
    {
        var problems = new List<string>();
        if (options.Servers.Count == 0)
        {
            problems.Add("Fleet:Servers is empty; add at least one server with Host, Auth, UserName and Secret.");
        }

        foreach (var (serverName, server) in options.Servers)
        {
            var at = $"Fleet:Servers:{serverName}";
            if (server is null)
            {
                problems.Add($"{at} is empty; give it Host, Auth, UserName and Secret.");
                continue;
            }

            if (!CpanelServer.IsValidHost(server.Host))
            {
                problems.Add($"{at}:Host “{server.Host}” is not a host name or IP address; give the server's host name, e.g. web1.example.com.");
            }

            if (server.LoginHost is { Length: > 0 } loginHost && !CpanelServer.IsValidHost(loginHost))
            {
                problems.Add($"{at}:LoginHost “{loginHost}” is not a host name or IP address; give the public name users' links must carry (e.g. webmail.example.com), or leave it out.");
            }

            foreach (var (port, value) in new[] { ("CpanelPort", server.CpanelPort), ("WhmPort", server.WhmPort), ("WebmailPort", server.WebmailPort) })
            {
                if (value is < 1 or > 65535)
                {
                    problems.Add($"{at}:{port} {value} is not a port; use 1 to 65535 (" + CpanelServer.DefaultPortsText + ").");
                }
            }

            foreach (var pin in server.PinnedCertificateSha256)
            {
                if (!CpanelServer.IsValidFingerprint(pin))
                {
                    problems.Add($"{at}:PinnedCertificateSha256 “{pin}” is not a SHA-256 fingerprint (64 hex digits, colons allowed).");
                }
            }

            if (server.CaBundlePath is { Length: > 0 } bundle && !File.Exists(bundle))
            {
                problems.Add($"{at}:CaBundlePath “{bundle}” does not exist; give a PEM file of CA certificates.");
            }

            if (!Enum.IsDefined(server.Auth))
            {
                problems.Add($"{at}:Auth must be WhmToken, CpanelToken or Password.");
            }

            if (string.IsNullOrWhiteSpace(server.UserName))
            {
                problems.Add($"{at}:UserName is required: root or a reseller for WhmToken, the cPanel account for CpanelToken and Password.");
            }

            if (!SecretReference.TryParse(server.Secret, out _, out var problem))
            {
                problems.Add($"{at}:Secret: {problem}");
            }

            if (server.TotpSecret is { Length: > 0 } totp && !SecretReference.TryParse(totp, out _, out var totpProblem))
            {
                problems.Add($"{at}:TotpSecret: {totpProblem}");
            }
            else if (server.TotpSecret is { Length: > 0 } && server.Auth != FleetAuthKind.Password)
            {
                problems.Add($"{at}:TotpSecret applies to Password servers only; remove it or set Auth to Password.");
            }
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < options.Routes.Count; i++)
        {
            var route = options.Routes[i];
            var at = $"Fleet:Routes:{i}";
            if (route is null)
            {
                problems.Add($"{at} is empty; give it Domain and Server.");
                continue;
            }

            var wildcard = route.Domain?.StartsWith("*.", StringComparison.Ordinal) == true;
            var ascii = route.Domain == "*" ? "*" : route.Domain is null ? null : DomainName.ToAscii(wildcard ? route.Domain[2..] : route.Domain);
            if (ascii is null)
            {
                problems.Add($"{at}:Domain “{route.Domain}” is not a domain name; write example.com, or *.example.com for its subdomains.");
            }
            else if (!seen.TryAdd((wildcard ? "*." : "") + ascii, i))
            {
                problems.Add($"{at}:Domain “{route.Domain}” is routed twice (also Fleet:Routes:{seen[(wildcard ? "*." : "") + ascii]}); keep one route.");
            }

            if (string.IsNullOrWhiteSpace(route.Server) || !options.Servers.TryGetValue(route.Server, out var server) || server is null)
            {
                problems.Add($"{at}:Server “{route.Server}” is not in Fleet:Servers; name one of: {string.Join(", ", options.Servers.Keys)}.");
            }
            else if (server.Auth != FleetAuthKind.WhmToken && route.Owner is { Length: > 0 } owner &&
                     !string.Equals(owner, server.UserName, StringComparison.Ordinal))
            {
                problems.Add($"{at}:Owner “{owner}” differs from Fleet:Servers:{route.Server}:UserName “{server.UserName}”: a cPanel token or password acts " +
                             $"only as its own account; add a server entry for {owner} (same host, its own secret).");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
