using System.Net.Http.Headers;

namespace CpanelSessionOps.Cpanel;

/// <summary>An API token sent as <c>Authorization: SCHEME USER:TOKEN</c>; the two kinds differ only in scheme and API.</summary>
public abstract class ApiTokenCredential : CpanelCredential
{
    private readonly AuthenticationHeaderValue _header;

    private protected ApiTokenCredential(string scheme, string userName, SensitiveString token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        ArgumentNullException.ThrowIfNull(token);
        UserName = userName;
        _header = new AuthenticationHeaderValue(scheme, userName + ":" + token.Reveal());
    }

    /// <inheritdoc />
    public override string UserName { get; }

    /// <inheritdoc />
    public override ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Authorization = _header;
        return ValueTask.CompletedTask;
    }
}
