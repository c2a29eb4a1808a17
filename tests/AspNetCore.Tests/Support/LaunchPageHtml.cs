using System.Net;
using System.Text.RegularExpressions;

namespace CpanelSessionOps.AspNetCore.Tests.Support;

/// <summary>What a launch page holds, read from its HTML: the form, the session in it, its scripts.</summary>
public sealed partial record LaunchPageHtml(string FormMethod, string FormAction, string Session, int ScriptCount, string ScriptNonce)
{
    public static LaunchPageHtml Parse(string html)
    {
        var form = Form().Match(html);
        Assert.True(form.Success, "no form in the page");
        var session = SessionField().Match(html);
        Assert.True(session.Success, "no session field in the page");
        var scripts = Script().Matches(html);
        return new LaunchPageHtml(
            form.Groups["method"].Value, WebUtility.HtmlDecode(form.Groups["action"].Value), WebUtility.HtmlDecode(session.Groups["value"].Value),
            scripts.Count, scripts.Count > 0 ? scripts[0].Groups["nonce"].Value : "");
    }

    [GeneratedRegex("<form [^>]*method=\"(?<method>[^\"]*)\" action=\"(?<action>[^\"]*)\"")]
    private static partial Regex Form();

    [GeneratedRegex("<input type=\"hidden\" name=\"session\" value=\"(?<value>[^\"]*)\">")]
    private static partial Regex SessionField();

    [GeneratedRegex("<script(?: nonce=\"(?<nonce>[^\"]*)\")?[^>]*>")]
    private static partial Regex Script();
}
