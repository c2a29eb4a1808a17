using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CpanelSessionOps.Emulator.Hosting;
using CpanelSessionOps.Emulator.Seed;

namespace CpanelSessionOps.AspNetCore.Tests.Support;

/// <summary>The one configuration every host under test gets: a fleet on the emulator, the policy, API keys.</summary>
public static class TestSettings
{
    public const string PortalKey = "portal-api-key-for-tests";
    public const string StrangerKey = "stranger-key";
    public const string HelpdeskGroup = "helpdesk-group";
    public const string UserObjectId = "3f1c0000-0000-0000-0000-00000000aa01";

    public static Dictionary<string, string?> For(CpanelEmulator emulator, Dictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Fleet:Servers:web1:Host"] = "127.0.0.1",
            ["Fleet:Servers:web1:CpanelPort"] = emulator.CpanelUri.Port.ToString(CultureInfo.InvariantCulture),
            ["Fleet:Servers:web1:WhmPort"] = emulator.WhmUri.Port.ToString(CultureInfo.InvariantCulture),
            ["Fleet:Servers:web1:WebmailPort"] = emulator.WebmailUri.Port.ToString(CultureInfo.InvariantCulture),
            ["Fleet:Servers:web1:PinnedCertificateSha256:0"] = emulator.CertificateSha256,
            ["Fleet:Servers:web1:Auth"] = "WhmToken",
            ["Fleet:Servers:web1:UserName"] = "root",
            ["Fleet:Servers:web1:Secret"] = "inline:" + DefaultSeed.RootToken,
            ["Fleet:Servers:shop:Host"] = "127.0.0.1",
            ["Fleet:Servers:shop:CpanelPort"] = emulator.CpanelUri.Port.ToString(CultureInfo.InvariantCulture),
            ["Fleet:Servers:shop:WhmPort"] = emulator.WhmUri.Port.ToString(CultureInfo.InvariantCulture),
            ["Fleet:Servers:shop:WebmailPort"] = emulator.WebmailUri.Port.ToString(CultureInfo.InvariantCulture),
            ["Fleet:Servers:shop:PinnedCertificateSha256:0"] = emulator.CertificateSha256,
            ["Fleet:Servers:shop:Auth"] = "CpanelToken",
            ["Fleet:Servers:shop:UserName"] = "other",
            ["Fleet:Servers:shop:Secret"] = "inline:" + DefaultSeed.OtherToken,
            ["Fleet:Routes:0:Domain"] = "example.com",
            ["Fleet:Routes:0:Server"] = "web1",
            ["Fleet:Routes:0:Owner"] = "demo",
            ["Fleet:Routes:1:Domain"] = "example.org",
            ["Fleet:Routes:1:Server"] = "shop",
            ["Cpanel:RetryDelay"] = "00:00:00.010",
            ["Cpanel:MaxRetryAttempts"] = "1",
            ["Policy:Rules:0:Name"] = "portal",
            ["Policy:Rules:0:Callers:0"] = "name:portal",
            ["Policy:Rules:0:Callers:1"] = "group:" + HelpdeskGroup,
            ["Policy:Rules:0:Targets:0"] = "*@example.com",
            ["Policy:Rules:0:Targets:1"] = "*@example.net",
            ["Policy:Rules:0:Targets:2"] = "demo",
            ["Policy:Rules:0:Targets:3"] = "other",
            ["Policy:Rules:0:Kinds:0"] = "Webmail",
            ["Policy:Rules:0:Kinds:1"] = "Cpanel",
            ["Policy:Rules:0:Channels:0"] = "Http",
            ["Api:TrustAppServiceAuthentication"] = "true",
            ["Api:Keys:0:Name"] = "portal",
            ["Api:Keys:0:Sha256"] = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(PortalKey))),
            ["Api:Keys:1:Name"] = "stranger",
            ["Api:Keys:1:Sha256"] = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(StrangerKey))),
        };
        foreach (var (key, value) in overrides ?? [])
        {
            settings[key] = value;
        }

        return settings;
    }
}
