using System.Text.Json;

namespace CpanelSessionOps.Infra.Tests.Support;

/// <summary>
/// <c>infra/main.bicep</c> built to ARM JSON once for the whole test run (every test class shares it), with the
/// build's own output kept for the tests that check it compiled clean.
/// </summary>
internal static class CompiledTemplate
{
    private static readonly Lazy<Task<(BicepRun Run, JsonElement? Template)>> Build = new(BuildAsync);

    /// <summary>The build of main.bicep.</summary>
    public static async Task<BicepRun> RunAsync() => (await Build.Value).Run;

    /// <summary>The compiled template; fails the test when the build failed.</summary>
    public static async Task<ArmTemplate> MainAsync()
    {
        var (run, template) = await Build.Value;
        Assert.True(template is not null, run.Describe());
        return new ArmTemplate(template.Value);
    }

    private static async Task<(BicepRun, JsonElement?)> BuildAsync()
    {
        var output = Path.Combine(Path.GetTempPath(), "cpanel-session-ops-infra-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(output);
        try
        {
            var file = Path.Combine(output, "main.json");
            var run = await BicepCli.RunAsync(RepositoryPaths.Infra, "build", "main.bicep", "--outfile", file);
            if (run.ExitCode != 0 || !File.Exists(file))
            {
                return (run, null);
            }

            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(file));
            return (run, document.RootElement.Clone());
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
