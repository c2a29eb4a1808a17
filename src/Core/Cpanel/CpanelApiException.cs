namespace CpanelSessionOps.Cpanel;

/// <summary>The API ran and refused: UAPI <c>status: 0</c> or WHM <c>metadata.result: 0</c>. Not retried.</summary>
public sealed class CpanelApiException : CpanelException
{
    internal CpanelApiException(string serverName, string function, IReadOnlyList<string> errors, CpanelErrorKind kind, string? kindName)
        : base(serverName, function, BuildMessage(serverName, function, errors, kind))
    {
        Errors = errors;
        Kind = kind;
        KindName = kindName;
    }

    /// <summary>A refusal the client worked out itself from what cPanel answered (e.g. a mailbox check before minting).</summary>
    internal CpanelApiException(string serverName, string function, string detail, CpanelErrorKind kind)
        : base(serverName, function, $"cPanel server '{serverName}': {detail}{Hint(kind)}")
    {
        Errors = [detail];
        Kind = kind;
    }

    /// <summary>cPanel's error texts, as it sent them (or the client's own finding, for a check it made).</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>The typed error, when cPanel sent one.</summary>
    public CpanelErrorKind Kind { get; }

    /// <summary>cPanel's name for the typed error (<c>data.type</c>), or null.</summary>
    public string? KindName { get; }

    /// <inheritdoc />
    public override string ErrorClass => "api";

    private static string BuildMessage(string server, string function, IReadOnlyList<string> errors, CpanelErrorKind kind)
    {
        var what = errors.Count == 0 ? "no error text" : string.Join(" ", errors);
        return $"cPanel server '{server}' refused {function}: {what}{Hint(kind)}";
    }

    private static string Hint(CpanelErrorKind kind) => kind switch
    {
        CpanelErrorKind.BadPassword => " Check the mailbox password.",
        CpanelErrorKind.Suspended => " Unsuspend the mailbox's logins (or its account) in cPanel first.",
        CpanelErrorKind.UserNotFound => " Check the address and that the authenticated account owns the mailbox.",
        _ => "",
    };
}
