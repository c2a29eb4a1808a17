namespace CpanelSessionOps.Testing;

/// <summary>
/// GitHub's published data that the tests check against, taken from npm packages at CI time (files that were only
/// fetched may not be committed): <c>.ci/run</c> installs each package into <c>~/.cache/cpanel-session-ops/&lt;folder&gt;</c>,
/// or <c>CPANEL_SESSION_OPS_NPM_CACHE</c> names another cache root. Without the package the tests that need it are skipped.
/// </summary>
public static class NpmTestData
{
    /// <summary>The variable that names the cache root instead of <c>~/.cache/cpanel-session-ops</c>.</summary>
    public const string CacheVariable = "CPANEL_SESSION_OPS_NPM_CACHE";

    /// <summary>@octokit/openapi, GitHub's REST description (pinned in <c>.ci/run</c>).</summary>
    public static readonly Package OpenApi = new("openapi", "@octokit/openapi");

    /// <summary>@octokit/webhooks-examples, GitHub's example webhook payloads (pinned in <c>.ci/run</c>).</summary>
    public static readonly Package WebhooksExamples = new("webhooks-examples", "@octokit/webhooks-examples");

    /// <summary>@action-validator/cli, a linter that checks action.yml and workflows against SchemaStore's GitHub schemas,
    /// which it carries (pinned in <c>.ci/run</c>).</summary>
    public static readonly Package ActionValidator = new("action-validator", "@action-validator/cli");

    private static string CacheRoot =>
        Environment.GetEnvironmentVariable(CacheVariable) is { Length: > 0 } root
            ? root
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "cpanel-session-ops");

    /// <summary>The file inside the installed package, or null when the package is not installed.</summary>
    public static string? Find(Package package, string file)
    {
        var path = Path.Combine(CacheRoot, package.Folder, "node_modules", package.Name, file);
        return File.Exists(path) ? path : null;
    }

    /// <summary>The file inside the installed package; the calling test is skipped, saying how to install it, when it is not.</summary>
    public static string Require(Package package, string file)
    {
        var path = Find(package, file);
        Skip.If(path is null,
            $"{package.Name} is not installed in {Path.Combine(CacheRoot, package.Folder)}: run .ci/run (it installs it from npm) or set {CacheVariable} to the cache root that has it.");
        return path!;
    }

    /// <summary>An npm package and the cache folder <c>.ci/run</c> installs it into.</summary>
    public sealed record Package(string Folder, string Name);
}
