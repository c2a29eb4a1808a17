using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CpanelSessionOps.Functions.Api;

/// <summary>
/// Identifies the caller for policy and audit, on top of the platform's function keys: App Service authentication's
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

    public CallerIdentity? Resolve(HttpRequest request)
    {
        if (ResolveSignedInUser(request) is { } fromPlatform)
        {
            return fromPlatform;
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

    /// <summary>The App Service principal alone, and only when the platform is trusted to have set it; never an API key.</summary>
    public CallerIdentity? ResolveSignedInUser(HttpRequest request) =>
        _options.TrustAppServiceAuthentication && request.Headers["X-MS-CLIENT-PRINCIPAL"].ToString() is { Length: > 0 } principal
            ? FromClientPrincipal(principal)
            : null;

    private static CallerIdentity? FromClientPrincipal(string encoded)
    {
        try
        {
            using var document = JsonDocument.Parse(Convert.FromBase64String(encoded), new JsonDocumentOptions { AllowDuplicateProperties = false });
            string? objectId = null, appId = null;
            var groups = new List<string>();
            if (!document.RootElement.TryGetProperty("claims", out var claims) || claims.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            foreach (var claim in claims.EnumerateArray())
            {
                var type = claim.TryGetProperty("typ", out var t) ? t.GetString() : null;
                var value = claim.TryGetProperty("val", out var v) ? v.GetString() : null;
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
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
