using System.Text.RegularExpressions;

namespace CpanelSessionOps.Testing;

/// <summary>
/// Looks for secrets in what a user or operator can see (output, logs, audit records, responses, comments): given secret
/// values, and cPanel session strings, which no test can list in advance because cPanel makes them per login.
/// </summary>
public static partial class SecretScanner
{
    /// <summary>Whether <paramref name="text"/> holds a session string as cPanel issues it, in a link
    /// (<c>session=USER%3aRANDOM…</c>) or a login form's body.</summary>
    public static bool HasSessionString(string text) => SessionString().IsMatch(text);

    /// <summary>Fails naming the case, the place and the first characters of the secret when one of <paramref name="secrets"/>
    /// (case-insensitive) or, with <paramref name="sessionStringsToo"/>, a session string appears in one of <paramref name="texts"/>.</summary>
    public static void AssertNoSecret(string name, string where, IEnumerable<string> texts, IEnumerable<string> secrets, bool sessionStringsToo = true)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var values = secrets.Where(s => s.Length > 0).ToList();
        foreach (var text in texts)
        {
            var secret = values.FirstOrDefault(s => text.Contains(s, StringComparison.OrdinalIgnoreCase));
            Assert.True(secret is null, $"{name}: a secret ({secret?[..Math.Min(4, secret.Length)]}…) appeared in a {where}: {text}");
            if (sessionStringsToo)
            {
                Assert.False(HasSessionString(text), $"{name}: a session string or link appeared in a {where}: {text}");
            }
        }
    }

    [GeneratedRegex("session=[^&\\s\"]*%3a[A-Za-z0-9_]{6,}", RegexOptions.IgnoreCase)]
    private static partial Regex SessionString();
}
