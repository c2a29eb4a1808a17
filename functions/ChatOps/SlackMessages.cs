using System.Text.Json.Nodes;

namespace CpanelSessionOps.Functions.ChatOps;

/// <summary>Slack's message shapes: replies are ephemeral (only the caller sees them); a link goes behind a button.</summary>
internal static class SlackMessages
{
    public static JsonObject Render(ChatReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (reply.Link is not { } link)
        {
            return Text(reply.Text);
        }

        return new JsonObject
        {
            ["response_type"] = "ephemeral",
            ["text"] = reply.Text,
            ["blocks"] = new JsonArray(new JsonObject
            {
                ["type"] = "section",
                ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = reply.Text },
                ["accessory"] = new JsonObject
                {
                    ["type"] = "button",
                    ["style"] = "primary",
                    ["url"] = link.LoginLink.Reveal(),
                    ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Open webmail" },
                },
            }),
        };
    }

    public static JsonObject Text(string text) => new() { ["response_type"] = "ephemeral", ["text"] = text };
}
