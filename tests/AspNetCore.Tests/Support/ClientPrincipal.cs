using System.Text.Json;

namespace CpanelSessionOps.AspNetCore.Tests.Support;

/// <summary>App Service Authentication's <c>X-MS-CLIENT-PRINCIPAL</c> for a signed-in Entra ID user.</summary>
public static class ClientPrincipal
{
    public static string For(string objectId, params string[] groups)
    {
        var claims = new List<object> { new { typ = "http://schemas.microsoft.com/identity/claims/objectidentifier", val = objectId } };
        claims.AddRange(groups.Select(g => new { typ = "groups", val = g }));
        return Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(new { auth_typ = "aad", claims, name_typ = "name", role_typ = "roles" }));
    }
}
