using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using CpanelSessionOps.Action.Tests.Support;
using CpanelSessionOps.Emulator.Hosting;

namespace CpanelSessionOps.Action.Tests;

/// <summary>
/// The Action's image without Docker: the program published as the Dockerfile publishes it must find every shared framework
/// it needs in the Dockerfile's final base image, and must start and check a mailbox on a .NET root holding only those.
/// </summary>
public sealed partial class ContainerImageTests(PublishedAction published) : IClassFixture<PublishedAction>
{
    /// <summary>The shared frameworks each official .NET image provides (mcr.microsoft.com/dotnet/*).</summary>
    private static readonly Dictionary<string, string[]> FrameworksByImage = new(StringComparer.Ordinal)
    {
        ["runtime-deps"] = [],
        ["runtime"] = ["Microsoft.NETCore.App"],
        ["aspnet"] = ["Microsoft.NETCore.App", "Microsoft.AspNetCore.App"],
        ["sdk"] = ["Microsoft.NETCore.App", "Microsoft.AspNetCore.App"],
    };

    [Fact]
    public void Dockerfile_FinalBaseImage_ProvidesEveryFrameworkThePublishedProgramNeeds()
    {
        var (image, tag) = DockerfileParts.FinalBaseImage(File.ReadAllText(Repository.File("Dockerfile")));
        Assert.True(FrameworksByImage.TryGetValue(image, out var provided), $"the final stage's base image {image} is not an official .NET image this test knows");

        var needed = published.Frameworks();

        Assert.NotEmpty(needed);
        foreach (var (name, version) in needed)
        {
            Assert.True(provided.Contains(name), $"{name} is needed by the published program but the image {image}:{tag} does not have it");
            Assert.StartsWith(tag + ".", version + ".", StringComparison.Ordinal);
        }
    }

    [Fact]
    public void DockerfileParts_RuntimeImage_IsCaughtMissingAspNetCore()
    {
        var (image, _) = DockerfileParts.FinalBaseImage("FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build\nRUN x\nFROM mcr.microsoft.com/dotnet/runtime:10.0 AS runtime\n");

        Assert.Equal("runtime", image);
        Assert.DoesNotContain("Microsoft.AspNetCore.App", FrameworksByImage[image]);
        Assert.Contains(published.Frameworks(), f => f.Name == "Microsoft.AspNetCore.App");
    }

    [Fact]
    public async Task Entrypoint_OnADotnetRootWithOnlyTheImagesFrameworks_ChecksAMailboxAsTheAction()
    {
        var (image, _) = DockerfileParts.FinalBaseImage(File.ReadAllText(Repository.File("Dockerfile")));
        var root = published.DotnetRootWith(FrameworksByImage[image]);
        await using var emulator = await CpanelEmulator.StartAsync();
        using var run = new ActionRun(emulator, new Dictionary<string, string> { ["INPUT_MAILBOXES"] = "alice@example.com" });

        var (exit, output, error) = await published.RunAsync(root, run.Environment);

        Assert.True(exit == 0, $"exit {exit}: {error}");
        Assert.Contains("1 of 1 mailboxes opened.", output, StringComparison.Ordinal);
        Assert.Equal("1", run.Outputs()["passed"]);
        Assert.Equal(1, emulator.Sessions.Count(s => s.Used));
    }

    [Fact]
    public void Dockerfile_PublishesReadyToRunForTheImagesPlatform()
    {
        var publish = DockerfileParts.PublishArguments(File.ReadAllText(Repository.File("Dockerfile")));

        Assert.Contains("-p:PublishReadyToRun=true", publish);
        Assert.Contains("linux-x64", publish);
        Assert.True(published.IsReadyToRun("CpanelSessionOps.Action.dll"), "the published program is not ReadyToRun-compiled");
    }
}

/// <summary>Reads the parts of the Dockerfile the tests compare against.</summary>
internal static partial class DockerfileParts
{
    /// <summary>The last FROM's image under mcr.microsoft.com/dotnet/ and its tag (e.g. aspnet, 10.0).</summary>
    public static (string Image, string Tag) FinalBaseImage(string dockerfile)
    {
        var from = FromLine().Matches(dockerfile).Last();
        return (from.Groups["image"].Value, from.Groups["tag"].Value);
    }

    /// <summary>The arguments of the Dockerfile's <c>dotnet publish</c>, up to the end of that command.</summary>
    public static IReadOnlyList<string> PublishArguments(string dockerfile)
    {
        var line = PublishLine().Match(dockerfile.Replace("\\\n", " ", StringComparison.Ordinal));
        Assert.True(line.Success, "the Dockerfile has no RUN dotnet publish");
        return line.Groups["args"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    [GeneratedRegex(@"^FROM\s+mcr\.microsoft\.com/dotnet/(?<image>[a-z-]+):(?<tag>[0-9.]+)", RegexOptions.Multiline)]
    private static partial Regex FromLine();

    [GeneratedRegex(@"RUN dotnet publish (?<args>[^&\n]*)")]
    private static partial Regex PublishLine();
}

/// <summary>The Action published once per test class, with the Dockerfile's own <c>dotnet publish</c> arguments.</summary>
public sealed class PublishedAction : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("action-publish-").FullName;

    public PublishedAction()
    {
        Output = Path.Combine(_directory, "app");
        var arguments = DockerfileParts.PublishArguments(File.ReadAllText(Repository.File("Dockerfile")))
            .Select(a => a.StartsWith("/src/", StringComparison.Ordinal) ? Repository.File(a["/src/".Length..]) : a)
            .Select(a => a == "/app" ? Output : a)
            .ToList();
        var (exit, output, error) = Run(DotnetExecutable(), ["publish", .. arguments], null, TimeSpan.FromMinutes(9));
        Assert.True(exit == 0, $"dotnet publish failed ({exit}): {output} {error}");
    }

    public string Output { get; }

    public IReadOnlyList<(string Name, string Version)> Frameworks()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(Output, "CpanelSessionOps.Action.runtimeconfig.json")));
        var options = config.RootElement.GetProperty("runtimeOptions");
        var frameworks = options.TryGetProperty("frameworks", out var many) ? many.EnumerateArray().ToList()
            : options.TryGetProperty("framework", out var one) ? [one] : [];
        return [.. frameworks.Select(f => (f.GetProperty("name").GetString()!, f.GetProperty("version").GetString()!))];
    }

    /// <summary>Whether the assembly carries a ReadyToRun header (precompiled code).</summary>
    public bool IsReadyToRun(string assembly)
    {
        using var stream = File.OpenRead(Path.Combine(Output, assembly));
        using var reader = new System.Reflection.PortableExecutable.PEReader(stream);
        return reader.PEHeaders.CorHeader is { ManagedNativeHeaderDirectory.Size: > 0 };
    }

    /// <summary>A .NET root holding this machine's host and only the named shared frameworks, as the image would.</summary>
    public string DotnetRootWith(IEnumerable<string> frameworks)
    {
        var machineRoot = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var root = Path.Combine(_directory, "dotnet-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(root, "shared"));
        File.Copy(Path.Combine(machineRoot, "dotnet"), Path.Combine(root, "dotnet"));
        Directory.CreateSymbolicLink(Path.Combine(root, "host"), Path.Combine(machineRoot, "host"));
        foreach (var framework in frameworks)
        {
            Directory.CreateSymbolicLink(Path.Combine(root, "shared", framework), Path.Combine(machineRoot, "shared", framework));
        }

        return root;
    }

    /// <summary>Runs the image's entrypoint (<c>dotnet /app/CpanelSessionOps.Action.dll</c>) on the given .NET root.</summary>
    public Task<(int Exit, string Output, string Error)> RunAsync(string dotnetRoot, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var variables = new Dictionary<string, string>(environment)
        {
            ["DOTNET_ROOT"] = dotnetRoot,
            ["DOTNET_MULTILEVEL_LOOKUP"] = "0",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
        };
        return Task.Run(() => Run(Path.Combine(dotnetRoot, "dotnet"), [Path.Combine(Output, "CpanelSessionOps.Action.dll"), .. args], variables, TimeSpan.FromMinutes(3)));
    }

    private static string DotnetExecutable() =>
        Path.Combine(Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..")), "dotnet");

    /// <summary>Runs a child process; the environment given replaces the child's (the test process's own is never changed).</summary>
    private static (int Exit, string Output, string Error) Run(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment, TimeSpan hangGuard)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        if (environment is not null)
        {
            var path = start.Environment.TryGetValue("PATH", out var p) ? p : null;
            var home = start.Environment.TryGetValue("HOME", out var h) ? h : null;
            start.Environment.Clear();
            start.Environment["PATH"] = path;
            start.Environment["HOME"] = home;
            foreach (var (key, value) in environment)
            {
                start.Environment[key] = value;
            }
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(hangGuard))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} did not finish within {hangGuard}");
        }

        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
