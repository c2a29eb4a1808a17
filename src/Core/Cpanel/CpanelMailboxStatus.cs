namespace CpanelSessionOps.Cpanel;

/// <summary>A mailbox as UAPI <c>Email::list_pops</c> reports it.</summary>
/// <param name="Address">The address, <c>login@domain</c>.</param>
/// <param name="LoginSuspended">Whether logins for the mailbox are suspended.</param>
public sealed record CpanelMailboxStatus(string Address, bool LoginSuspended);
