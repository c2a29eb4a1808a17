namespace CpanelSessionOps.Action;

/// <summary>Where a check is reported (input <c>report</c>, comma or newline separated).</summary>
internal enum ReportKind
{
    /// <summary><c>summary</c>: the job summary (<c>$GITHUB_STEP_SUMMARY</c>).</summary>
    Summary,

    /// <summary><c>check-run</c>: a check run on the commit.</summary>
    CheckRun,

    /// <summary><c>deployment-status</c>: a status on the deployment that started the workflow.</summary>
    DeploymentStatus,

    /// <summary><c>pr-comment</c>: a pull-request comment, updated in place.</summary>
    PrComment,
}

/// <summary>The spelling of <see cref="ReportKind"/> in the Action's input and in messages.</summary>
internal static class ReportKinds
{
    private static readonly (ReportKind Kind, string Name)[] Names =
    [
        (ReportKind.Summary, "summary"), (ReportKind.CheckRun, "check-run"), (ReportKind.DeploymentStatus, "deployment-status"), (ReportKind.PrComment, "pr-comment"),
    ];

    /// <summary>Every kind's input name, for messages.</summary>
    public static string Listed { get; } = string.Join(", ", Names.Select(n => n.Name));

    /// <summary>The input name: <c>check-run</c>.</summary>
    public static string InputName(this ReportKind kind) => Names.First(n => n.Kind == kind).Name;

    /// <summary>The kind an input name stands for, or null when it names none (exact, lower case, as documented).</summary>
    public static ReportKind? FromInputName(string name) => Names.FirstOrDefault(n => n.Name == name) is { Name: not null } found ? found.Kind : null;
}
