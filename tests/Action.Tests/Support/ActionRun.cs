using System.Text.Json;
using System.Text.RegularExpressions;
using CpanelSessionOps.Emulator.Hosting;
using CpanelSessionOps.Testing;

namespace CpanelSessionOps.Action.Tests.Support;

/// <summary>One run of the program as the Actions runner would start it: INPUT_* and GITHUB_* variables handed in as a
/// dictionary (never the process environment), temporary GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files.</summary>
public sealed partial class ActionRun : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("action-run-").FullName;

    public ActionRun(CpanelEmulator emulator, IDictionary<string, string>? inputs = null)
    {
        Environment = new Dictionary<string, string>(emulator.ToFleetSettings().ToActionInputs())
        {
            ["GITHUB_ACTIONS"] = "true",
            ["GITHUB_OUTPUT"] = Path.Combine(_directory, "output"),
            ["GITHUB_STEP_SUMMARY"] = Path.Combine(_directory, "summary"),
            ["GITHUB_ACTOR"] = "octocat",
            ["GITHUB_REPOSITORY"] = "acme/hosting",
            ["GITHUB_SHA"] = "0123456789abcdef0123456789abcdef01234567",
            ["GITHUB_RUN_ID"] = "42",
            ["INPUT_MAILBOXES"] = "alice@example.com\ndave@example.org",
            ["INPUT_VERIFY-LOGIN"] = "true",
            ["INPUT_REPORT"] = "summary",
            ["INPUT_FAIL-ON-ERROR"] = "true",
            ["INPUT_CONCURRENCY"] = "4",
            ["INPUT_TIMEOUT"] = "30",
        };
        foreach (var (key, value) in inputs ?? new Dictionary<string, string>())
        {
            Environment[key] = value;
        }
    }

    public Dictionary<string, string> Environment { get; }

    public string Output { get; private set; } = "";

    public string Error { get; private set; } = "";

    public int ExitCode { get; private set; }

    public string WriteFile(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    public async Task<int> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        ExitCode = await ActionProgram.RunAsync(args, output, error, Environment).WaitAsync(TimeSpan.FromMinutes(2));
        Output = output.ToString();
        Error = error.ToString();
        return ExitCode;
    }

    /// <summary>The outputs written to GITHUB_OUTPUT, heredoc delimiters resolved.</summary>
    public Dictionary<string, string> Outputs()
    {
        var outputs = new Dictionary<string, string>();
        var path = Environment["GITHUB_OUTPUT"];
        if (!File.Exists(path))
        {
            return outputs;
        }

        foreach (Match match in Heredoc().Matches(File.ReadAllText(path)))
        {
            outputs[match.Groups["name"].Value] = match.Groups["value"].Value;
        }

        return outputs;
    }

    public JsonElement Results => JsonDocument.Parse(Outputs()["results"]).RootElement;

    public string Summary => File.Exists(Environment["GITHUB_STEP_SUMMARY"]) ? File.ReadAllText(Environment["GITHUB_STEP_SUMMARY"]) : "";

    [GeneratedRegex(@"(?<name>[a-z-]+)<<(?<delim>ghadelimiter_[0-9A-F]{32})\n(?<value>.*?)\n\k<delim>\n", RegexOptions.Singleline)]
    private static partial Regex Heredoc();

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
