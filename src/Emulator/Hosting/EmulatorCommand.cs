using System.CommandLine;
using CpanelSessionOps.Emulator.Seed;

namespace CpanelSessionOps.Emulator.Hosting;

/// <summary>
/// <c>dotnet run --project src/Emulator -- [--seed FILE] [--cpanel-port N] [--whm-port N] [--webmail-port N]
/// [--admin-port N] [--hostname H] [--info-file PATH] [--cert-file PATH]</c>
/// </summary>
public static class EmulatorCommand
{
    /// <summary>Parses <paramref name="args"/>, runs the emulator until Ctrl-C or SIGTERM, and returns the exit code
    /// (0 stopped cleanly, 2 bad usage, seed or port).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, CancellationToken cancellationToken = default)
    {
        output ??= Console.Out;
        var seed = new Option<FileInfo?>("--seed") { Description = "A seed file (JSON) with accounts, mailboxes and WHM users; default: the built-in demo seed." };
        var cpanelPort = PortOption("--cpanel-port", "cPanel (UAPI)");
        var whmPort = PortOption("--whm-port", "WHM (WHM API 1)");
        var webmailPort = PortOption("--webmail-port", "Webmail (login)");
        var adminPort = PortOption("--admin-port", "plain-HTTP admin (faults, inspection)");
        var hostName = new Option<string>("--hostname") { Description = "Host name for the certificate and WHM login URLs.", DefaultValueFactory = _ => "cpanel.test" };
        var infoFile = new Option<FileInfo?>("--info-file") { Description = "Write {cpanelUrl, whmUrl, webmailUrl, adminUrl, certificateSha256} as JSON here once listening." };
        var certFile = new Option<FileInfo?>("--cert-file") { Description = "Write the server certificate as PEM here, for clients that trust a CA file." };
        var certificatePfx = new Option<FileInfo?>("--certificate-pfx") { Description = "Serve this certificate (PKCS#12 without password, with its key) instead of generating one." };

        var root = new RootCommand("A cPanel & WHM emulator on loopback: UAPI Session functions, WHM create_user_session and the webmail login, over HTTPS.")
        {
            seed, cpanelPort, whmPort, webmailPort, adminPort, hostName, infoFile, certFile, certificatePfx,
        };

        root.SetAction(async (parse, token) =>
        {
            var options = new CpanelEmulatorOptions
            {
                HostName = parse.GetValue(hostName)!,
                CpanelPort = parse.GetValue(cpanelPort),
                WhmPort = parse.GetValue(whmPort),
                WebmailPort = parse.GetValue(webmailPort),
                AdminPort = parse.GetValue(adminPort),
            };

            CpanelEmulator emulator;
            try
            {
                if (parse.GetValue(seed) is { } seedFile)
                {
                    options.Seed = await SeedLoader.LoadAsync(seedFile.FullName, token).ConfigureAwait(false);
                }

                if (parse.GetValue(certificatePfx) is { } pfx)
                {
                    options.Certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(pfx.FullName, null);
                }

                emulator = await CpanelEmulator.StartAsync(options, token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SeedException or ArgumentException or IOException or System.Security.Cryptography.CryptographicException)
            {
                await Console.Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
                return 2;
            }

            await using (emulator.ConfigureAwait(false))
            {
                if (parse.GetValue(certFile) is { } cert)
                {
                    await emulator.WriteCertificatePemAsync(cert.FullName, token).ConfigureAwait(false);
                }

                await output.WriteLineAsync(Describe(emulator, options.Seed)).ConfigureAwait(false);
                if (parse.GetValue(infoFile) is { } info)
                {
                    await emulator.WriteInfoFileAsync(info.FullName, token).ConfigureAwait(false);
                }

                await output.WriteLineAsync("Listening. Press Ctrl-C to stop.").ConfigureAwait(false);
                try
                {
                    await Task.Delay(Timeout.Infinite, token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }

                await output.WriteLineAsync("Stopping.").ConfigureAwait(false);
            }

            return 0;
        });

        var parsed = root.Parse(args);
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output }, cancellationToken).ConfigureAwait(false) switch
        {
            0 => 0,
            1 when parsed.Errors.Count > 0 => 2,
            var code => code,
        };
    }

    private static Option<int> PortOption(string name, string what)
    {
        var option = new Option<int>(name) { Description = $"Port of the {what} listener on 127.0.0.1; 0 (default) picks a free port." };
        option.Validators.Add(result =>
        {
            // Only range-check what parsed as a number; the parser already reports what did not.
            if (result.Tokens.Count == 1 &&
                int.TryParse(result.Tokens[0].Value, System.Globalization.CultureInfo.InvariantCulture, out var value) &&
                value is < 0 or > 65535)
            {
                result.AddError($"{name} must be 0 (any free port) to 65535, not {value}.");
            }
        });
        return option;
    }

    internal static string Describe(CpanelEmulator emulator, EmulatorSeed? seed)
    {
        var lines = new List<string>
        {
            $"cPanel (UAPI):      {emulator.CpanelUri}",
            $"WHM (WHM API 1):    {emulator.WhmUri}",
            $"Webmail (login):    {emulator.WebmailUri}",
            $"Admin (plain HTTP): {emulator.AdminUri}",
            $"Certificate:        CN={emulator.HostName}, SHA-256 {emulator.CertificateSha256}",
        };
        if (seed is null)
        {
            lines.Add("Demo credentials (built-in seed, not secret):");
            lines.Add($"  WHM:    Authorization: whm root:{DefaultSeed.RootToken}");
            lines.Add($"  cPanel: Authorization: cpanel {DefaultSeed.DemoUser}:{DefaultSeed.DemoToken}  (or Basic {DefaultSeed.DemoUser}:{DefaultSeed.DemoPassword})");
            lines.Add($"  Mailbox {DefaultSeed.AliceAddress}, password {DefaultSeed.AlicePassword}; more cases in docs/emulator.md.");
        }
        else
        {
            lines.Add($"Seed: {seed.WhmUsers.Count} WHM user(s), {seed.Accounts.Count} account(s), " +
                      $"{seed.Accounts.Sum(a => a.Mailboxes.Count)} mailbox(es); credentials are those in the seed file.");
        }

        return string.Join(Environment.NewLine, lines);
    }
}
