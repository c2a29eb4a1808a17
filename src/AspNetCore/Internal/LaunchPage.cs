using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.WebUtilities;

namespace CpanelSessionOps.AspNetCore.Internal;

/// <summary>
/// The browser's way in: a small page that logs in with cPanel's form login (<c>POST .../login</c> with the session in the
/// body), so the session string never becomes a URL (history, proxies' logs, Referer). Its one script, bound to a nonce,
/// submits the form at once; with scripts off the button does the same. The Content-Security-Policy allows nothing else:
/// no other script or style, no framing, no base URL, and form submission only to the login's own origin.
/// </summary>
internal sealed class LaunchPage
{
    private LaunchPage(string html, string contentSecurityPolicy)
    {
        Html = html;
        ContentSecurityPolicy = contentSecurityPolicy;
    }

    public string Html { get; }

    public string ContentSecurityPolicy { get; }

    /// <param name="target">The mailbox or user the login is for (already validated; encoded here all the same).</param>
    /// <param name="formAction">Where the form posts: the login's <c>/cpsessN/login/</c> URL.</param>
    /// <param name="formBody">The form body, <c>application/x-www-form-urlencoded</c> (<c>session=...</c>): a secret.</param>
    public static LaunchPage Create(string target, Uri formAction, string formBody)
    {
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
        var html = HtmlEncoder.Default;
        var fields = new StringBuilder();
        foreach (var (name, values) in QueryHelpers.ParseQuery(formBody.StartsWith('?') ? formBody : "?" + formBody))
        {
            foreach (var value in values)
            {
                fields.Append("<input type=\"hidden\" name=\"").Append(html.Encode(name)).Append("\" value=\"").Append(html.Encode(value ?? ""))
                    .Append("\">");
            }
        }

        var page = $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="referrer" content="no-referrer">
            <title>Opening webmail</title>
            <style nonce="{{nonce}}">
            body { font: 1rem/1.5 system-ui, sans-serif; max-width: 32rem; margin: 4rem auto; padding: 0 1rem; text-align: center; color: #1b1b1b; }
            button { font: inherit; font-size: 1.1rem; padding: .6rem 1.6rem; border: 0; border-radius: .4rem; background: #0b63c5; color: #fff; cursor: pointer; }
            </style>
            </head>
            <body>
            <h1>Opening webmail</h1>
            <p>Logging in as <strong>{{html.Encode(target)}}</strong>.</p>
            <form id="login" method="post" action="{{html.Encode(formAction.AbsoluteUri)}}">{{fields}}<button type="submit">Open webmail</button></form>
            <noscript><p>Scripts are off: press the button to log in.</p></noscript>
            <script nonce="{{nonce}}">document.getElementById("login").submit();</script>
            </body>
            </html>
            """;
        var origin = formAction.GetLeftPart(UriPartial.Authority);
        var policy = $"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; form-action {origin}; "
            + "base-uri 'none'; frame-ancestors 'none'";
        return new LaunchPage(page, policy);
    }
}
