namespace CpanelSessionOps;

/// <summary>How a caller is identified; policy rules name callers as <c>kind:value</c>.</summary>
public enum CallerKind
{
    /// <summary>A configured name (an API key's caller name, a CLI user): <c>name:VALUE</c>.</summary>
    Name,

    /// <summary>An Entra ID user or service principal object id: <c>entra:OBJECT-ID</c>.</summary>
    EntraObject,

    /// <summary>An Entra ID application (client) id: <c>app:APP-ID</c>.</summary>
    EntraApp,

    /// <summary>A Slack user id: <c>slack:U0123</c>.</summary>
    Slack,

    /// <summary>A Microsoft Teams user id: <c>teams:29:1ab...</c>.</summary>
    Teams,

    /// <summary>A GitHub login: <c>github:octocat</c>.</summary>
    GitHub,
}
