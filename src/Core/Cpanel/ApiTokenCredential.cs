using System.Net.Http.Headers;

namespace CpanelSessionOps.Cpanel;

/// <summary>An API token sent as <c>Authorization: SCHEME USER:TOKEN</c>; the two kinds differ only in scheme and API.</summary>
public abstract class ApiTokenCredential : CpanelCredential
{
    // The header as sent: a parsed AuthenticationHeaderValue would be formatted into a new string for every request.
    private readonly string _header;

    private protected ApiTokenCredential(string scheme, string userName, SensitiveString token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        ArgumentNullException.ThrowIfNull(token);
        UserName = userName;
        // The scheme is checked once, here, as the typed header did.
        _header = new AuthenticationHeaderValue(scheme, userName + ":" + token.Reveal()).ToString();
    }

    /// <inheritdoc />
    public override string UserName { get; }

    /// <inheritdoc />
    public override ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Authorization = null;
        request.Headers.TryAddWithoutValidation("Authorization", _header);
        return ValueTask.CompletedTask;
    }
}
