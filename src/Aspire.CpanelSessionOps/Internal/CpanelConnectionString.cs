using System.Data.Common;
using System.Globalization;
using CpanelSessionOps.Cpanel;
using CpanelSessionOps.Credentials;
using CpanelSessionOps.Fleet;

namespace CpanelSessionOps.Aspire.Internal;

/// <summary>
/// Reads <c>Host=…;CpanelPort=…;WhmPort=…;WebmailPort=…;Auth=…;UserName=…;Token=…;Pins=…;CaBundlePath=…</c> (keys in
/// any case, the token percent-encoded) into one fleet server. Errors name the key and never show the token.
/// </summary>
internal static class CpanelConnectionString
{
    private static readonly string[] Keys = ["Host", "CpanelPort", "WhmPort", "WebmailPort", "Auth", "UserName", "Token", "Secret", "Pins", "CaBundlePath"];

    public static FleetServerOptions Parse(string connectionString, string connectionName)
    {
        var where = $"ConnectionStrings:{connectionName}";
        var values = new DbConnectionStringBuilder();
        try
        {
            values.ConnectionString = connectionString;
        }
        catch (ArgumentException)
        {
            throw new InvalidOperationException(
                $"{where} is not a list of KEY=VALUE pairs separated by ';': write Host=…;Auth=WhmToken;UserName=root;Token=…, as the app host's WithReference does.");
        }

        foreach (string key in values.Keys)
        {
            if (!Keys.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"{where} has an unknown key '{key}': the keys are {string.Join(", ", Keys)}.");
            }
        }

        var host = Text(values, "Host");
        if (!CpanelServer.IsValidHost(host))
        {
            throw new InvalidOperationException($"{where}: Host is required and must be a host name or address, e.g. Host=web1.example.com.");
        }

        var server = new FleetServerOptions
        {
            Host = host,
            CpanelPort = Port(values, "CpanelPort", CpanelServer.DefaultCpanelPort, where),
            WhmPort = Port(values, "WhmPort", CpanelServer.DefaultWhmPort, where),
            WebmailPort = Port(values, "WebmailPort", CpanelServer.DefaultWebmailPort, where),
            UserName = Text(values, "UserName"),
            CaBundlePath = Text(values, "CaBundlePath"),
        };
        if (Text(values, "Auth") is { } auth)
        {
            server.Auth = Enum.TryParse<FleetAuthKind>(auth, ignoreCase: true, out var kind) && Enum.IsDefined(kind)
                ? kind
                : throw new InvalidOperationException($"{where}: Auth '{auth}' is not WhmToken, CpanelToken or Password.");
        }

        if (server.UserName is null)
        {
            throw new InvalidOperationException($"{where}: UserName is required (root or a reseller for a WHM token, the cPanel account otherwise).");
        }

        var token = Text(values, "Token") is { } encoded ? Uri.UnescapeDataString(encoded) : null;
        var reference = Text(values, "Secret");
        if (token is { Length: > 0 } && reference is not null)
        {
            throw new InvalidOperationException($"{where}: give Token (the value) or Secret (where it lives, e.g. keyvault:web1-token), not both.");
        }

        if (reference is not null)
        {
            server.Secret = SecretReference.TryParse(reference, out _, out var problem)
                ? reference
                : throw new InvalidOperationException($"{where}: Secret is not a secret reference: {problem}");
        }
        else if (string.IsNullOrEmpty(token))
        {
            throw new InvalidOperationException(
                $"{where}: Token or Secret is required: the app host's token parameter has no value, or the connection string lost it.");
        }
        else
        {
            server.Secret = "inline:" + token;
        }

        foreach (var pin in (Text(values, "Pins") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            server.PinnedCertificateSha256.Add(pin);
        }

        return server;
    }

    private static string? Text(DbConnectionStringBuilder values, string key) =>
        values.TryGetValue(key, out var value) && value is string text && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;

    private static int Port(DbConnectionStringBuilder values, string key, int fallback, string where)
    {
        if (Text(values, key) is not { } text)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535
            ? port
            : throw new InvalidOperationException($"{where}: {key} '{text}' is not a port (1 to 65535).");
    }
}
