using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CpanelSessionOps.AspNetCore.Tests.Support;

/// <summary>JWT bearer tokens as Microsoft Entra ID issues them (oid, groups), signed with a key made for the test run.</summary>
public static class TestTokens
{
    public const string Issuer = "https://login.microsoftonline.com/00000000-0000-0000-0000-0000000000aa/v2.0";
    public const string Audience = "api://cpanel-session-ops-tests";
    private static readonly SymmetricSecurityKey Key = new(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public static string For(string? objectId, string? appId = null, params string[] groups)
    {
        var claims = new Dictionary<string, object>(StringComparer.Ordinal);
        if (objectId is not null)
        {
            claims["oid"] = objectId;
        }

        if (appId is not null)
        {
            claims["azp"] = appId;
        }

        if (groups.Length > 0)
        {
            claims["groups"] = groups;
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Claims = claims,
            Subject = new ClaimsIdentity([new Claim("sub", "test-subject")]),
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>Validates this run's tokens offline: no metadata endpoint is ever asked.</summary>
    public static void Configure(JwtBearerOptions options)
    {
        options.Authority = null;
        options.MetadataAddress = null!;
        options.ConfigurationManager = null;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            IssuerSigningKey = Key,
        };
    }
}
