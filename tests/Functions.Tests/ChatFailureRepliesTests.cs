using CpanelSessionOps.Functions.ChatOps;
using ProblemMapper = CpanelSessionOps.AspNetCore.Internal.ProblemMapper;

namespace CpanelSessionOps.Functions.Tests;

/// <summary>ChatOps' one table from a failed mint's class to what the chat says.</summary>
public sealed class ChatFailureRepliesTests
{
    /// <summary>Every error class and the headline chat has always answered it with (the API problem's title, as before).</summary>
    public static TheoryData<ErrorClass, string> Table => new()
    {
        { ErrorClass.Validation, "The request is invalid." },
        { ErrorClass.Forbidden, "Refused by policy." },
        { ErrorClass.RateLimited, "Too many requests." },
        { ErrorClass.NotManaged, "Not managed here." },
        { ErrorClass.NotFound, "No such mailbox or user." },
        { ErrorClass.Suspended, "Logins are suspended." },
        { ErrorClass.CpanelRefused, "cPanel refused the request." },
        { ErrorClass.CpanelAuthentication, "cPanel refused the request." },
        { ErrorClass.CpanelProtocol, "cPanel refused the request." },
        { ErrorClass.CpanelTimeout, "cPanel did not answer in time." },
        { ErrorClass.CpanelUnavailable, "cPanel is unavailable." },
        { ErrorClass.CredentialsUnavailable, "The server's credential could not be read." },
        { ErrorClass.SharedStateUnavailable, "The shared rate-limit store is unavailable." },
        { ErrorClass.AuditUnavailable, "The audit trail is unavailable." },
        { ErrorClass.NotConfigured, "The fleet is not configured for this." },
    };

    [Fact]
    public void Table_HasExactlyOneRowPerErrorClass()
    {
        // The switch cannot hold two rows for one class (the compiler refuses a subsumed arm); each class must have one.
        Assert.Equal(Enum.GetValues<ErrorClass>().Order(), Table.Select(row => (ErrorClass)row[0]).Order());
        Assert.All(Enum.GetValues<ErrorClass>(), c => Assert.StartsWith("❌ ", ChatFailureReplies.ForMinting(c, "detail", ChatFlavor.Slack, "help"), StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void ForMinting_SaysWhatChatHasAlwaysSaid(ErrorClass errorClass, string headline)
    {
        var reply = ChatFailureReplies.ForMinting(errorClass, "cPanel said <b>no</b>.", ChatFlavor.Slack, SlackCommandHandler.HelpText);

        Assert.StartsWith($"❌ {headline} `", reply, StringComparison.Ordinal);
        // The same headline as the API's problem title for the class, as when chat read it from there.
        Assert.Equal(ProblemMapper.ForClass(errorClass, "d", "c").Title, headline);
        Assert.DoesNotContain("<b>", reply, StringComparison.Ordinal);
        Assert.Equal(errorClass == ErrorClass.Validation, reply.EndsWith(SlackCommandHandler.HelpText, StringComparison.Ordinal));
    }
}
