using System.Text.Json.Serialization;

namespace CpanelSessionOps.Emulator.Seed;

/// <summary>A mailbox of a cPanel account.</summary>
public sealed class SeedMailbox
{
    /// <summary>The local part of the address.</summary>
    public string Login { get; set; } = "";

    /// <summary>The domain of the address; one of the account's domains.</summary>
    public string Domain { get; set; } = "";

    /// <summary>The mailbox password, checked by <c>create_webmail_session_for_mail_user_check_password</c>.</summary>
    public string? Password { get; set; }

    /// <summary>Whether logins for the mailbox are suspended.</summary>
    public bool SuspendedLogin { get; set; }

    /// <summary>The host name of a linked remote mail node that holds the mailbox, or <see langword="null"/> when local.</summary>
    public string? RemoteHost { get; set; }

    /// <summary>The full address, <c>login@domain</c>.</summary>
    [JsonIgnore]
    public string Address => Login + "@" + Domain;
}
