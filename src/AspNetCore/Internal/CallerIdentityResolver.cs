using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CpanelSessionOps.AspNetCore.Internal;

/// <summary>
/// Identifies the caller for policy and audit: the host's authenticated <see cref="ClaimsPrincipal"/> (JWT bearer,
/// Microsoft.Identity.Web, cookies: whatever the host signs in with), App Service authentication's
/// <c>X-MS-CLIENT-PRINCIPAL</c> when trusted and present, otherwise an application key in <c>X-Api-Key</c>, compared by
/// SHA-256 in constant time.
/// </summary>
internal sealed class CallerIdentityResolver
{
    private const string ObjectIdClaim = "http://schemas.microsoft.com/identity/claims/objectidentifier";
    private readonly ApiOptions _options;
    private readonly (string Name, byte[] Hash)[] _keys;

    public CallerIdentityResolver(IOptions<ApiOptions> options)
    {
        _options = options.Value;
        _keys = [.. _options.Keys.Select(k => (k.Name!, Convert.FromHexString(k.Sha256!.Trim())))];
    }

    public bool TrustsAppServiceAuthentication => _options.TrustAppServiceAuthentication;

    public CallerIdentity? Resolve(HttpRequest request)
    {
        if (ResolveSignedInUser(request) is { } signedIn)
        {
            return signedIn;
        }

        var key = request.Headers["X-Api-Key"].ToString();
        if (key.Length is 0 or > 512)
        {
            return null;
        }

        Span<byte> presented = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), presented);
        string? match = null;
        foreach (var (name, hash) in _keys)
        {
            // Compare against every key, always: the time taken does not say which key nearly matched.
            if (CryptographicOperations.FixedTimeEquals(presented, hash))
            {
                match = name;
            }
        }

        return match is null ? null : new CallerIdentity(CallerKind.Name, match);
    }

    /// <summary>A signed-in user alone, never an API key: the host's authenticated principal, else App Service
    /// Authentication's, and that only when the platform is trusted to have set it.</summary>
    public CallerIdentity? ResolveSignedInUser(HttpRequest request) =>
        FromClaims(request.HttpContext.User)
        ?? (_options.TrustAppServiceAuthentication && request.Headers["X-MS-CLIENT-PRINCIPAL"].ToString() is { Length: > 0 } principal
            ? FromClientPrincipal(principal)
            : null);

    /// <summary>
    /// An authenticated principal's Entra ID identity: its object id (<c>oid</c>, or the long claim type JWT bearer maps it
    /// to) as <c>entra:</c>, else its application id (<c>azp</c>/<c>appid</c>) as <c>app:</c>, with its <c>groups</c>.
    /// A principal with neither is no caller: its subject or name is never taken as a <c>name:</c>, which would let a token
    /// pose as an API key's caller.
    /// </summary>
    internal static CallerIdentity? FromClaims(ClaimsPrincipal? user)
    {
        if (user is null || !user.Identities.Any(i => i.IsAuthenticated))
        {
            return null;
        }

        return FromClaims(user.Claims.Select(c => ((string?)c.Type, (string?)c.Value)));
    }

    private static CallerIdentity? FromClaims(IEnumerable<(string? Type, string? Value)> claims)
    {
        string? objectId = null, appId = null;
        var groups = new List<string>();
        foreach (var (type, value) in claims)
        {
            switch (type)
            {
                case ObjectIdClaim or "oid":
                    objectId ??= value;
                    break;
                case "appid" or "azp":
                    appId ??= value;
                    break;
                case "groups" when value is not null:
                    groups.Add(value);
                    break;
            }
        }

        return objectId is { Length: > 0 } ? new CallerIdentity(CallerKind.EntraObject, objectId, groups)
            : appId is { Length: > 0 } ? new CallerIdentity(CallerKind.EntraApp, appId, groups)
            : null;
    }

    private static CallerIdentity? FromClientPrincipal(string encoded)
    {
        try
        {
            using var document = JsonDocument.Parse(Convert.FromBase64String(encoded), new JsonDocumentOptions { AllowDuplicateProperties = false });
            if (!document.RootElement.TryGetProperty("claims", out var claims) || claims.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            return FromClaims([.. claims.EnumerateArray().Select(claim => (
                claim.TryGetProperty("typ", out var t) ? t.GetString() : null,
                claim.TryGetProperty("val", out var v) ? v.GetString() : null))]);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
