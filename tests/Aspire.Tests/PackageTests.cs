using System.Diagnostics;
using System.Text;

namespace CpanelSessionOps.Aspire.Tests;

/// <summary>
/// The packages as a user gets them: packed to a local folder feed, restored into a new app host and service from that
/// feed alone (third-party packages from NuGet), run, and one session minted and verified through the emulator the
/// hosting package runs. A unique prerelease version per run keeps NuGet's global packages folder from serving a stale
/// copy; the versions restored are removed from it afterwards.
/// </summary>
public sealed class PackageTests
{
    private const string AspireVersion = "13.6.5";
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    [Fact]
    public async Task Packages_RestoredFromALocalFeed_AppHostRunsTheEmulatorAndTheServiceMints()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(12));
        var version = $"0.1.0-test.{Guid.NewGuid():N}";
        var root = Directory.CreateTempSubdirectory("cpanel-packages-");
        var packages = GlobalPackagesFolder();
        try
        {
            var feed = Path.Combine(root.FullName, "feed");
            var result = Path.Combine(root.FullName, "result.txt");

            // The five projects are built already (this test project references them, the API through the app host's
            // samples/ApiHost): pack what was built.
            await RunAsync(
                "dotnet", ["pack", Path.Combine(RepositoryRoot(), "src", "CpanelSessionOps.Packages.slnf"), "--no-build", "-c", Configuration,
                    "-o", feed, $"-p:Version={version}"],
                RepositoryRoot(), timeout.Token);
            WriteProjects(root.FullName, feed, version, result);

            await RunAsync("dotnet", ["run", "--project", "AppHost"], root.FullName, timeout.Token);

            Assert.Equal("ok=True error= api=True", (await File.ReadAllTextAsync(result, timeout.Token)).Trim());
            var assets = await File.ReadAllTextAsync(Path.Combine(root.FullName, "AppHost", "obj", "project.assets.json"), timeout.Token);
            Assert.Contains($"\"CpanelSessionOps.Aspire.Hosting/{version}\"", assets, StringComparison.Ordinal);
            Assert.Contains($"\"CpanelSessionOps.Emulator/{version}\"", assets, StringComparison.Ordinal);
            var serviceAssets = await File.ReadAllTextAsync(Path.Combine(root.FullName, "Service", "obj", "project.assets.json"), timeout.Token);
            Assert.Contains($"\"CpanelSessionOps.AspNetCore/{version}\"", serviceAssets, StringComparison.Ordinal);
        }
        finally
        {
            root.Delete(recursive: true);
            foreach (var id in new[] { "cpanelsessionops.core", "cpanelsessionops.emulator", "cpanelsessionops.aspire", "cpanelsessionops.aspire.hosting", "cpanelsessionops.aspnetcore" })
            {
                var restored = Path.Combine(packages, id, version);
                if (Directory.Exists(restored))
                {
                    Directory.Delete(restored, recursive: true);
                }
            }
        }
    }

    private static void WriteProjects(string root, string feed, string version, string result)
    {
        File.WriteAllText(Path.Combine(root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="local"><package pattern="CpanelSessionOps.*" /></packageSource>
                <packageSource key="nuget.org"><package pattern="*" /></packageSource>
              </packageSourceMapping>
            </configuration>
            """);
        Directory.CreateDirectory(Path.Combine(root, "AppHost"));
        Directory.CreateDirectory(Path.Combine(root, "Service"));
        File.WriteAllText(Path.Combine(root, "AppHost", "AppHost.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <Sdk Name="Aspire.AppHost.Sdk" Version="13.6.4" />
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <IsAspireHost>true</IsAspireHost>
                <NoWarn>$(NoWarn);NU1603;ASPIRE010</NoWarn>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Aspire.Hosting.AppHost" Version="{AspireVersion}" />
                <PackageReference Include="Polly.Core" Version="8.8.0" />
                <PackageReference Include="Nerdbank.MessagePack" Version="1.3.88" />
                <PackageReference Include="CpanelSessionOps.Aspire.Hosting" Version="{version}" />
              </ItemGroup>
              <ItemGroup>
                <ProjectReference Include="../Service/Service.csproj" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(root, "AppHost", "Program.cs"), $$"""
            using Aspire.Hosting.ApplicationModel;

            var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions { Args = args, DisableDashboard = true });
            var cpanel = builder.AddCpanelEmulator("cpanel");
            builder.AddProject<Projects.Service>("service").WithReference(cpanel).WaitFor(cpanel)
                .WithEnvironment("RESULT_PATH", {{Literal(result)}});
            await using var app = builder.Build();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            await app.StartAsync(timeout.Token);
            await app.ResourceNotifications.WaitForResourceAsync("service", KnownResourceStates.TerminalStates, timeout.Token);
            await app.StopAsync(timeout.Token);
            """);
        File.WriteAllText(Path.Combine(root, "Service", "Service.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="CpanelSessionOps.Aspire" Version="{version}" />
                <PackageReference Include="CpanelSessionOps.AspNetCore" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(root, "Service", "Program.cs"), """
            using CpanelSessionOps;
            using CpanelSessionOps.AspNetCore;
            using CpanelSessionOps.Checks;

            var builder = Host.CreateApplicationBuilder(args);
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Policy:Rules:0:Name"] = "package-test",
                ["Policy:Rules:0:Callers:0"] = "name:package-test",
                ["Policy:Rules:0:Targets:0"] = "*",
                ["Policy:Rules:0:Kinds:0"] = "Webmail",
                ["Policy:Rules:0:Channels:0"] = "Http",
            });
            builder.AddCpanelSessionOps("cpanel");
            builder.Services.AddCpanelSessionOpsApi();
            using var host = builder.Build();
            await host.StartAsync();
            var checks = host.Services.GetRequiredService<DeployCheckRunner>();
            var result = (await checks.RunAsync(["alice@example.com"], new CallerIdentity(CallerKind.Name, "package-test"), MintChannel.Http,
                new DeployCheckOptions()))[0];
            // The API package's handlers resolve over the Aspire client's minting service and health probe.
            var api = host.Services.GetService<CpanelSessionOpsHandlers>() is not null;
            await File.WriteAllTextAsync(Environment.GetEnvironmentVariable("RESULT_PATH")!, $"ok={result.Ok} error={result.ErrorClass} api={api}");
            await host.StopAsync();
            """);
    }

    private static string Literal(string text) => "@\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static async Task RunAsync(string file, string[] arguments, string directory, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The child's own environment only: the test process's is left alone.
        start.Environment["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var stdout = PumpAsync(process.StandardOutput, output);
        var stderr = PumpAsync(process.StandardError, output);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        await Task.WhenAll(stdout, stderr);
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', arguments)} exited {process.ExitCode}:\n{Tail(output.ToString())}");
    }

    private static async Task PumpAsync(StreamReader reader, StringBuilder output)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string Tail(string text) => text.Length <= 6000 ? text : text[^6000..];

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CpanelSessionOps.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (CpanelSessionOps.sln) is not above the test's directory.");
    }

    private static string GlobalPackagesFolder() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
}
