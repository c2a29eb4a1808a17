using CpanelSessionOps.Soak;

namespace CpanelSessionOps.Core.Tests.Soak;

/// <summary>The soak's leak check must see a secret where there is one, or a clean soak proves nothing.</summary>
public sealed class CapturingLoggerProviderTests
{
    [Theory]
    [InlineData("minted alice:AbCdEfGhIjKlMnOp:CREATE_WEBMAIL_SESSION_FOR_MAIL_USER,0123456789abcdef0123456789abcdef", true)]
    [InlineData("https://127.0.0.1:2096/cpsess0123456789/login/?session=x", true)]
    [InlineData("token DEMOAPITOKEN00000000000000000001 sent", true)]
    [InlineData("Audit: Minted Webmail link for alice@example.com by name:soak over Http", false)]
    public void CapturingLoggerProvider_HasSecret_FindsSessionsLinksAndTokens(string line, bool expected)
    {
        using var logs = new CapturingLoggerProvider(["DEMOAPITOKEN00000000000000000001"], 1);

        Assert.Equal(expected, logs.HasSecret(line));
    }
}
