using System.Text.Json;
using CpanelSessionOps.Emulator.Internal;
using CpanelSessionOps.Emulator.Seed;
using CpanelSessionOps.Emulator.State;
using Microsoft.AspNetCore.Http;

namespace CpanelSessionOps.Emulator.Protocol;

/// <summary>
/// The WHM API 1 functions a client calls to check a mailbox before minting, in the shapes of cPanel's documentation
/// (api.docs.cpanel.net): <c>getdomainowner</c>, <c>accountsummary</c> and <c>uapi_cpanel</c> running UAPI
/// <c>Email::list_pops</c> as the account. Root sees every account, a reseller its own.
/// </summary>
internal sealed class WhmAccountEndpoint(EmulatorDirectory directory)
{
    public const string GetDomainOwner = "getdomainowner";
    public const string AccountSummary = "accountsummary";
    public const string UapiCpanel = "uapi_cpanel";

    public static bool IsKnownFunction(string function) => function is GetDomainOwner or AccountSummary or UapiCpanel;

    public Task HandleAsync(HttpContext context, Caller caller, string function, RequestParameters parameters) => function switch
    {
        GetDomainOwner => GetDomainOwnerAsync(context, caller, parameters),
        AccountSummary => AccountSummaryAsync(context, caller, parameters),
        _ => UapiCpanelAsync(context, caller, parameters),
    };

    /// <summary><c>{"data":{"user":"demo"}}</c>; <c>user</c> is null when the domain is not on the server or the caller does
    /// not own its account (cPanel's documentation: still <c>result: 1</c>).</summary>
    private Task GetDomainOwnerAsync(HttpContext context, Caller caller, RequestParameters parameters)
    {
        if (parameters.Get("domain") is not { Length: > 0 } domain)
        {
            return Pages.WriteWhmFailureAsync(context, GetDomainOwner, CpanelText.WhmParameterRequired("domain"));
        }

        var owner = directory.FindDomainOwner(domain);
        var user = owner is not null && Sees(caller, owner) ? owner.User : null;
        return WriteOkAsync(context, GetDomainOwner, writer =>
        {
            writer.WriteStartObject();
            if (user is null)
            {
                writer.WriteNull("user");
            }
            else
            {
                writer.WriteString("user", user);
            }

            writer.WriteEndObject();
        });
    }

    /// <summary><c>{"data":{"acct":[{user, domain, owner, suspended, suspendreason, ...}]}}</c> for <c>user</c> or the
    /// account's main <c>domain</c>.</summary>
    private Task AccountSummaryAsync(HttpContext context, Caller caller, RequestParameters parameters)
    {
        var user = parameters.Get("user");
        var domain = parameters.Get("domain");
        if (string.IsNullOrEmpty(user) && string.IsNullOrEmpty(domain))
        {
            // The emulator's wording; cPanel's documentation says only that one of the two is required.
            return Pages.WriteWhmFailureAsync(context, AccountSummary, "You must specify the “user” or the “domain” parameter.");
        }

        var account = !string.IsNullOrEmpty(user)
            ? directory.FindAccount(user)
            : directory.FindDomainOwner(domain!) is { } byDomain && byDomain.Domains.Count > 0 &&
              string.Equals(byDomain.Domains[0], domain, StringComparison.OrdinalIgnoreCase) ? byDomain : null;
        if (account is null || !Sees(caller, account))
        {
            // The emulator's wording for an account the caller cannot see.
            return Pages.WriteWhmFailureAsync(context, AccountSummary, $"The account {CpanelText.Quote(user ?? domain!)} does not exist.");
        }

        return WriteOkAsync(context, AccountSummary, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("acct");
            writer.WriteStartObject();
            writer.WriteString("domain", account.Domains.Count > 0 ? account.Domains[0] : "");
            writer.WriteString("ip", directory.Server.PublicIp);
            writer.WriteString("owner", account.Owner);
            writer.WriteNumber("suspended", account.Suspended ? 1 : 0);
            writer.WriteString("suspendreason", account.Suspended ? "Suspended by the emulator's seed." : "not suspended");
            writer.WriteString("theme", "jupiter");
            writer.WriteString("user", account.User);
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    /// <summary><c>{"data":{"uapi":{UAPI result}}}</c>: runs a UAPI function as <c>cpanel.user</c>; this emulator runs
    /// <c>Email::list_pops</c> (every other function answers UAPI's unknown-module or unknown-function failure).</summary>
    private Task UapiCpanelAsync(HttpContext context, Caller caller, RequestParameters parameters)
    {
        foreach (var name in new[] { "cpanel.user", "cpanel.module", "cpanel.function" })
        {
            if (string.IsNullOrEmpty(parameters.Get(name)))
            {
                return Pages.WriteWhmFailureAsync(context, UapiCpanel, CpanelText.WhmParameterRequired(name));
            }
        }

        var user = parameters.Get("cpanel.user")!;
        var module = parameters.Get("cpanel.module")!;
        var function = parameters.Get("cpanel.function")!;
        var account = directory.FindAccount(user);
        if (account is null || !Sees(caller, account))
        {
            // The emulator's wording for a user the caller cannot act as.
            return Pages.WriteWhmFailureAsync(context, UapiCpanel, $"You do not have permission to act as the user {CpanelText.Quote(user)}.");
        }

        return WriteOkAsync(context, UapiCpanel, writer =>
        {
            writer.WriteStartObject();
            writer.WritePropertyName("uapi");
            if (module != "Email")
            {
                WriteUapiFailure(writer, CpanelText.UnknownUapiModule(module));
            }
            else if (function != "list_pops")
            {
                WriteUapiFailure(writer, CpanelText.UnknownUapiFunction(module, function));
            }
            else
            {
                WriteListPops(writer, account);
            }

            writer.WriteEndObject();
        });
    }

    // The account's main login is not listed: the emulator behaves as with skip_main=1, which is what a client sends.
    private static void WriteListPops(Utf8JsonWriter writer, SeedAccount account)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("data");
        foreach (var mailbox in account.Mailboxes)
        {
            writer.WriteStartObject();
            writer.WriteString("email", mailbox.Address);
            writer.WriteString("login", mailbox.Address);
            writer.WriteNumber("suspended_incoming", 0);
            writer.WriteNumber("suspended_login", mailbox.SuspendedLogin ? 1 : 0);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteNull("errors");
        writer.WriteNull("messages");
        writer.WriteStartObject("metadata");
        writer.WriteNumber("transformed", 1);
        writer.WriteEndObject();
        writer.WriteNumber("status", 1);
        writer.WriteNull("warnings");
        writer.WriteEndObject();
    }

    private static void WriteUapiFailure(Utf8JsonWriter writer, string error)
    {
        writer.WriteStartObject();
        writer.WriteNull("data");
        writer.WriteStartArray("errors");
        writer.WriteStringValue(error);
        writer.WriteEndArray();
        writer.WriteNull("messages");
        writer.WriteStartObject("metadata");
        writer.WriteEndObject();
        writer.WriteNumber("status", 0);
        writer.WriteNull("warnings");
        writer.WriteEndObject();
    }

    private static bool Sees(Caller caller, SeedAccount account) => caller.User == "root" || account.Owner == caller.User;

    private static Task WriteOkAsync(HttpContext context, string command, Action<Utf8JsonWriter> writeData) =>
        Pages.WriteJsonAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WritePropertyName("data");
            writeData(writer);
            writer.WriteStartObject("metadata");
            writer.WriteString("command", command);
            writer.WriteString("reason", "OK");
            writer.WriteNumber("result", 1);
            writer.WriteNumber("version", 1);
            writer.WriteEndObject();
            writer.WriteEndObject();
        });
}
