namespace CpanelSessionOps.Action;

/// <summary>What <c>check</c> and <c>demo</c> print on standard output (<c>--output</c>).</summary>
internal enum ResultFormat
{
    /// <summary><c>text</c>: the report, then a one-line verdict.</summary>
    Text,

    /// <summary><c>json</c>: the results as one JSON array; the report goes to standard error.</summary>
    Json,
}
