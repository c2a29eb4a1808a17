using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;

namespace CpanelSessionOps.Infra.Tests.Support;

/// <summary>One run of the bicep CLI.</summary>
internal sealed record BicepRun(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Every diagnostic the CLI printed (errors, warnings, infos), e.g. <c>main.bicep(3,7) : Warning BCP037: ...</c>.</summary>
    public IReadOnlyList<string> Diagnostics { get; } =
        StandardError.Split('\n').Where(static line => BicepCli.DiagnosticLine().IsMatch(line)).Select(static line => line.Trim()).ToList();

    /// <summary>What to show when a run was not clean.</summary>
    public string Describe() => $"bicep exited {ExitCode}:\n{StandardError}";
}

/// <summary>
/// The bicep CLI restored from NuGet (<c>Azure.Bicep.CommandLine.linux-x64</c>): the package's build props set
/// <c>BicepPath</c>, which the test project records in the assembly. Nothing is downloaded at run time.
/// </summary>
internal static partial class BicepCli
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(5);

    /// <summary>The bicep executable inside the NuGet package folder.</summary>
    public static string ExecutablePath { get; } = FindExecutable();

    /// <summary>Runs bicep with <paramref name="arguments"/> in <paramref name="workingDirectory"/>.</summary>
    public static async Task<BicepRun> RunAsync(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(ExecutablePath)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {ExecutablePath}");
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        var standardError = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(HangGuard);
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish within {HangGuard}.");
        }

        return new BicepRun(process.ExitCode, await standardOutput, await standardError);
    }

    [GeneratedRegex(@"\) : (Error|Warning|Info) ")]
    internal static partial Regex DiagnosticLine();

    private static string FindExecutable()
    {
        var path = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(static a => a.Key == "BicepPath")?.Value;
        // The package's props join the folder and the name with a backslash.
        path = OperatingSystem.IsWindows() ? path : path?.Replace('\\', '/');
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            throw new InvalidOperationException(
                $"The bicep CLI was not restored (BicepPath “{path}”): restore tests/Infra.Tests, which references Azure.Bicep.CommandLine.linux-x64.");
        }

        // NuGet extracts files with the owner's execute bit on Unix; restore it if a copied cache lost it.
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) == 0)
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute);
        }

        return path;
    }
}
