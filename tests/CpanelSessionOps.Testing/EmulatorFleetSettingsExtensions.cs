using System.Globalization;
using CpanelSessionOps.Cpanel;
using CpanelSessionOps.Emulator.Hosting;
using CpanelSessionOps.Fleet;
using Microsoft.Extensions.Configuration;

namespace CpanelSessionOps.Testing;

/// <summary>
/// The emulator's fleet settings (<see cref="CpanelEmulator.ToFleetSettings"/>, the one translation from a running
/// emulator) in the shapes tests hand to the code under test: Core's options (bound from the emulator's fleet
/// configuration by Core's own binder), a <see cref="CpanelServer"/>, the Action's inputs and the command line's options.
/// </summary>
public static class EmulatorFleetSettingsExtensions
{
    /// <summary>The server as Core binds it from <see cref="EmulatorFleetSettings.ToConfiguration"/>.</summary>
    /// <param name="settings">The emulator's fleet settings.</param>
    /// <param name="secret">Where the token lives (<c>keyvault:NAME</c>, <c>env:NAME</c>); the token inline by default.</param>
    public static FleetServerOptions ToFleetServerOptions(this EmulatorFleetSettings settings, string? secret = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        const string Name = "emulator";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.ToConfiguration(Name, secret)).Build();
        return configuration.GetSection($"Fleet:Servers:{Name}").Get<FleetServerOptions>()
            ?? throw new InvalidOperationException("The emulator's fleet configuration bound to no server.");
    }

    /// <summary>The server as the Core client takes it: address, ports and the pinned certificate.</summary>
    public static CpanelServer ToCpanelServer(this EmulatorFleetSettings settings, string name)
    {
        var server = settings.ToFleetServerOptions();
        return new CpanelServer(name, server.Host!)
        {
            CpanelPort = server.CpanelPort,
            WhmPort = server.WhmPort,
            WebmailPort = server.WebmailPort,
            PinnedCertificateSha256 = [.. server.PinnedCertificateSha256],
        };
    }

    /// <summary>The Action's connection inputs as the runner hands them over (<c>INPUT_SERVER</c> … <c>INPUT_API-TOKEN</c>).</summary>
    public static Dictionary<string, string> ToActionInputs(this EmulatorFleetSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new Dictionary<string, string>
        {
            ["INPUT_SERVER"] = settings.Host,
            ["INPUT_CPANEL-PORT"] = settings.CpanelPort.ToString(CultureInfo.InvariantCulture),
            ["INPUT_WHM-PORT"] = settings.WhmPort.ToString(CultureInfo.InvariantCulture),
            ["INPUT_WEBMAIL-PORT"] = settings.WebmailPort.ToString(CultureInfo.InvariantCulture),
            ["INPUT_CERTIFICATE-SHA256"] = settings.CertificateSha256,
            ["INPUT_AUTH"] = AuthOption(settings),
            ["INPUT_USERNAME"] = settings.UserName,
            ["INPUT_API-TOKEN"] = settings.Token,
        };
    }

    /// <summary>The command line's connection options (<c>--server</c> … <c>--username</c>); the token goes in the
    /// environment variable <c>--api-token-env</c> names (<c>CPANEL_API_TOKEN</c> by default).</summary>
    public static string[] ToCommandLine(this EmulatorFleetSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        string[] connection =
        [
            "--server", settings.Host,
            "--cpanel-port", settings.CpanelPort.ToString(CultureInfo.InvariantCulture),
            "--whm-port", settings.WhmPort.ToString(CultureInfo.InvariantCulture),
            "--webmail-port", settings.WebmailPort.ToString(CultureInfo.InvariantCulture),
            "--certificate-sha256", settings.CertificateSha256,
            "--username", settings.UserName,
        ];
        return settings.Auth == EmulatorCredentialKind.WhmToken ? connection : [.. connection, "--auth", AuthOption(settings)];
    }

    private static string AuthOption(EmulatorFleetSettings settings) => settings.Auth == EmulatorCredentialKind.WhmToken ? "whm-token" : "cpanel-token";
}
