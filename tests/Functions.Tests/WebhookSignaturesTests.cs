using System.Security.Cryptography;
using CpanelSessionOps.ChatOps;
using CpanelSessionOps.Functions.Tests.Support;

namespace CpanelSessionOps.Functions.Tests;

public sealed class WebhookSignaturesTests
{
    [Fact]
    public void VerifyGitHub_PublishedTestVector_Verifies()
    {
        // GitHub's documented example: secret "It's a Secret to Everybody", payload "Hello, World!".
        Assert.True(WebhookSignatures.VerifyGitHub("It's a Secret to Everybody", "Hello, World!"u8.ToArray(),
            "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"));
        Assert.False(WebhookSignatures.VerifyGitHub("It's a Secret to Everybody", "Hello, World?"u8.ToArray(),
            "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"));
        Assert.False(WebhookSignatures.VerifyGitHub("It's a Secret to Everybody", "Hello, World!"u8.ToArray(), null));
    }

    [Fact]
    public void VerifySlack_PublishedExample_VerifiesOnlyWithinFiveMinutes()
    {
        // Slack's documented example request (signing secret 8f742231b10e8888abcd99yyyzzz85a5, timestamp 1531420618).
        var body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"u8.ToArray();
        const string Signature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
        var sent = DateTimeOffset.FromUnixTimeSeconds(1531420618);

        Assert.True(WebhookSignatures.VerifySlack(FunctionsHost.SlackSecret, "1531420618", body, Signature, sent.AddMinutes(4)));
        Assert.False(WebhookSignatures.VerifySlack(FunctionsHost.SlackSecret, "1531420618", body, Signature, sent.AddMinutes(6)));
        Assert.False(WebhookSignatures.VerifySlack(FunctionsHost.SlackSecret, "1531420619", body, Signature, sent));
    }

    [Fact]
    public void VerifyTeams_HmacOfTheBody_VerifiesAndATamperedBodyDoesNot()
    {
        var body = """{"type":"message","text":"<at>Webmail</at> help"}"""u8.ToArray();
        var header = "HMAC " + Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(FunctionsHost.TeamsToken), body));

        Assert.True(WebhookSignatures.VerifyTeams(FunctionsHost.TeamsToken, body, header));
        Assert.False(WebhookSignatures.VerifyTeams(FunctionsHost.TeamsToken, [.. body, (byte)' '], header));
        Assert.False(WebhookSignatures.VerifyTeams(FunctionsHost.TeamsToken, body, "HMAC not-base64!"));
    }

    [Theory]
    [InlineData("alice@example.com", ChatCommandKind.Link, "alice@example.com", null)]
    [InlineData("  alice@example.com   de ", ChatCommandKind.Link, "alice@example.com", "de")]
    [InlineData("check alice@example.com", ChatCommandKind.Check, "alice@example.com", null)]
    [InlineData("help", ChatCommandKind.Help, null, null)]
    [InlineData("", ChatCommandKind.Help, null, null)]
    [InlineData("alice", ChatCommandKind.Help, null, null)]
    [InlineData("check", ChatCommandKind.Help, null, null)]
    [InlineData("delete alice@example.com", ChatCommandKind.Help, null, null)]
    [InlineData("alice@example.com EN-us", ChatCommandKind.Help, null, null)]
    [InlineData("alice@example.com de extra", ChatCommandKind.Help, null, null)]
    public void Parse_Text_IsStrictAndFriendly(string text, ChatCommandKind kind, string? address, string? locale)
    {
        Assert.Equal(new ChatCommand(kind, address, locale), ChatCommand.Parse(text));
    }
}
