using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CpanelSessionOps.Action.Tests.Support;
using CpanelSessionOps.Testing;
using YamlDotNet.RepresentationModel;

namespace CpanelSessionOps.Action.Tests;

/// <summary>
/// action.yml, the workflows under .github/workflows and the README's workflow examples, validated against GitHub's
/// schemas as SchemaStore publishes them, through the npm linter @action-validator/cli that carries them (installed by
/// <c>.ci/run</c>; files fetched from SchemaStore may not be committed), and checked to run the prebuilt image.
/// </summary>
public sealed partial class WorkflowFileTests
{

    public static TheoryData<string> Workflows() =>
        [.. Directory.GetFiles(Repository.File(".github/workflows"), "*.yml").Select(f => Path.GetFileName(f))];

    public static TheoryData<int> ReadmeExamples() => [.. Enumerable.Range(0, ReadmeYamlBlocks().Count)];

    [SkippableFact]
    public void ActionYml_IsValidAgainstGitHubsActionSchema()
    {
        AssertValid(SchemaKind.Action, Repository.File("action.yml"), File.ReadAllText(Repository.File("action.yml")));
    }

    [Fact]
    public void ActionYml_RunsThePrebuiltImageOfTheReleaseWorkflow()
    {
        var action = YamlToJson(File.ReadAllText(Repository.File("action.yml")))!;
        var release = File.ReadAllText(Repository.File(".github/workflows/release.yml"));

        Assert.Equal("docker", action["runs"]!["using"]!.GetValue<string>());
        Assert.Matches(@"^docker://ghcr\.io/[a-z0-9-]+/[a-z0-9-]+:v[0-9]+$", action["runs"]!["image"]!.GetValue<string>());
        Assert.Contains("images: ghcr.io/${{ github.repository }}", release, StringComparison.Ordinal);
        Assert.Contains("pattern=v{{major}}", release, StringComparison.Ordinal);
        Assert.Contains("tags: [\"v*.*.*\"]", release, StringComparison.Ordinal);
        Assert.Contains("bash .ci/run", release, StringComparison.Ordinal);
    }

    [Fact]
    public void ActionYml_EveryInputTheProgramReadsIsDeclared()
    {
        var declared = YamlToJson(File.ReadAllText(Repository.File("action.yml")))!["inputs"]!.AsObject().Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var read = InputRead().Matches(File.ReadAllText(Repository.File("action/CheckSettings.cs"))).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(read);
        Assert.Empty(read.Except(declared));
    }

    [SkippableTheory]
    [MemberData(nameof(Workflows))]
    public void Workflow_IsValidAgainstGitHubsWorkflowSchema(string file)
    {
        var path = Repository.File(Path.Combine(".github/workflows", file));
        AssertValid(SchemaKind.Workflow, path, File.ReadAllText(path));
    }

    [SkippableTheory]
    [MemberData(nameof(ReadmeExamples))]
    public void ReadmeExample_IsACompleteValidWorkflowUsingTheAction(int index)
    {
        var yaml = ReadmeYamlBlocks()[index];

        AssertValid(SchemaKind.Workflow, $"README.md YAML example {index + 1}", yaml);
        var workflow = YamlToJson(yaml)!;
        var action = YamlToJson(File.ReadAllText(Repository.File("action.yml")))!;
        var uses = workflow["jobs"]!.AsObject().SelectMany(j => j.Value!["steps"]!.AsArray()).Where(s => s!["uses"]?.GetValue<string>().StartsWith("acme/cpanel-session-ops@", StringComparison.Ordinal) == true).ToList();
        Assert.NotEmpty(uses);
        foreach (var step in uses)
        {
            var with = step!["with"]!.AsObject();
            Assert.Empty(with.Select(p => p.Key).Except(action["inputs"]!.AsObject().Select(p => p.Key)));
        }
    }

    [SkippableFact]
    public void Schemas_RefuseWhatGitHubRefuses()
    {
        // The validation can fail: a step with both uses and run, a misspelt job key, and an action without runs, are refused.
        Assert.False(Validate(SchemaKind.Workflow, "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: x/y@v1\n        run: echo\n").Valid);
        Assert.False(Validate(SchemaKind.Workflow, "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz: []\n").Valid);
        Assert.False(Validate(SchemaKind.Action, "name: x\ndescription: y\n").Valid);
    }

    /// <summary>The README's YAML blocks that are (or look like parts of) workflows; other YAML (e.g. azure.yaml) is left alone.</summary>
    private static List<string> ReadmeYamlBlocks() =>
        [.. YamlBlock().Matches(File.ReadAllText(Repository.File("README.md"))).Select(m => m.Groups["yaml"].Value).Where(y => WorkflowKey().IsMatch(y))];

    private enum SchemaKind
    {
        Action,
        Workflow,
    }

    private static void AssertValid(SchemaKind kind, string name, string yaml)
    {
        var (valid, output) = Validate(kind, yaml);
        Assert.True(valid, $"{name} does not match GitHub's {kind.ToString().ToLowerInvariant()} schema: {output}");
    }

    /// <summary>Runs the linter on <paramref name="yaml"/>; it tells an action from a workflow by the file's name.</summary>
    private static (bool Valid, string Output) Validate(SchemaKind kind, string yaml)
    {
        var cli = NpmTestData.Require(NpmTestData.ActionValidator, "cli.mjs");
        var folder = Directory.CreateTempSubdirectory("workflow-check-");
        try
        {
            var file = Path.Combine(folder.FullName, kind == SchemaKind.Action ? "action.yml" : "workflow.yml");
            File.WriteAllText(file, yaml);
            var start = new System.Diagnostics.ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder.FullName };
            start.ArgumentList.Add(cli);
            start.ArgumentList.Add(file);
            System.Diagnostics.Process process;
            try
            {
                process = System.Diagnostics.Process.Start(start)!;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                throw new SkipException("node is not installed: the GitHub schema checks run the npm linter @action-validator/cli.");
            }

            using (process)
            {
                var stderr = process.StandardError.ReadToEndAsync();
                var stdout = process.StandardOutput.ReadToEnd();
                // A hang guard only: the linter answers in well under a second.
                Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "the linter did not finish");
                return (process.ExitCode == 0, stdout + stderr.GetAwaiter().GetResult());
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>YAML to JSON as GitHub reads it: plain scalars typed (true, 4, null), quoted ones strings.</summary>
    internal static JsonNode? YamlToJson(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return Convert(stream.Documents[0].RootNode);
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, Convert(c.Value)))),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(Convert)]),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } scalar => Plain(scalar.Value ?? ""),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value ?? ""),
        _ => throw new InvalidOperationException("unexpected YAML node " + node.NodeType),
    };

    private static JsonValue? Plain(string value) =>
        value is "" or "~" or "null" ? null
        : value is "true" or "false" ? JsonValue.Create(value == "true")
        : long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? JsonValue.Create(number)
        : double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && value.Any(char.IsDigit) && !value.Contains('_') ? JsonValue.Create(real)
        : JsonValue.Create(value);

    [GeneratedRegex(@"^```yaml\n(?<yaml>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex YamlBlock();

    [GeneratedRegex(@"^\s*-?\s*(jobs|steps|runs-on|uses):", RegexOptions.Multiline)]
    private static partial Regex WorkflowKey();

    [GeneratedRegex(@"Input\(""(?<name>[a-z0-9-]+)""\)")]
    private static partial Regex InputRead();
}
