namespace CpanelSessionOps.Emulator.State;

internal sealed class LoggedInSession(string cookieValue, IssuedSession minted, DateTimeOffset loggedInAt, string landingPath, string host)
{
    private int _tempUserCreated;

    public string CookieValue { get; } = cookieValue;
    public IssuedSession Minted { get; } = minted;
    public DateTimeOffset LastActivity { get; set; } = loggedInAt;

    /// <summary>The host the login came to: a browser sends the cookie back to that host only, and so does the emulator
    /// accept it only there.</summary>
    public string Host { get; } = host;

    /// <summary>The theme page the login lands on (path and query, under the security token).</summary>
    public string LandingPath { get; } = landingPath;

    /// <summary>True the first time only: <c>create_temp_user</c> creates one temporary user per browser session.</summary>
    public bool TryCreateTempUser() => Interlocked.Exchange(ref _tempUserCreated, 1) == 0;

    public override string ToString() => $"logged-in {Minted}";
}
