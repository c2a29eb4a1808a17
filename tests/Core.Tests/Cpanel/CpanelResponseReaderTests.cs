using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using CpanelSessionOps.Cpanel;
using CpanelSessionOps.Cpanel.Internal;

namespace CpanelSessionOps.Core.Tests.Cpanel;

/// <summary>Body variants real servers send that the emulator does not: numbers as strings, both metadata shapes.</summary>
public sealed class CpanelResponseReaderTests
{
    private static readonly CpanelServer Server = new("web1", "web1.example.com");
    private static readonly CpanelCredential Credential = new CpanelApiTokenCredential("demo", new SensitiveString("T"));

    [Theory]
    [InlineData("""{"apiversion":3,"result":{"status":1,"metadata":{},"data":{"hostname":null,"session":"s","token":"/cpsess1"}}}""")]
    [InlineData("""{"apiversion":"3","result":{"status":"1","metadata":{"transformed":1},"data":{"hostname":null,"session":"s","token":"/cpsess1"}}}""")]
    [InlineData("""{"result":{"status":1,"metadata":{"transformed":"1"},"errors":null,"messages":[],"warnings":null,"data":{"session":"s","token":"/cpsess1","extra":[1,2]}}}""")]
    public void ReadUapi_SuccessVariants_AreRead(string body)
    {
        var result = Read(body);

        Assert.Equal(("s", "/cpsess1"), (result.Data!.Session, result.Data.Token));
    }

    [Fact]
    public void ReadUapi_StatusZeroAsString_ThrowsApiExceptionWithTheTypedKind()
    {
        var exception = Assert.Throws<CpanelApiException>(() =>
            Read("""{"result":{"status":"0","errors":["The provided password is incorrect."],"data":{"type":"BadPassword","detail":null}}}"""));

        Assert.Equal((CpanelErrorKind.BadPassword, "BadPassword"), (exception.Kind, exception.KindName));
    }

    [Fact]
    public void ReadUapi_UnknownTypedError_IsOther()
    {
        var exception = Assert.Throws<CpanelApiException>(() => Read("""{"result":{"status":0,"errors":["x"],"data":{"type":"Quota"}}}"""));

        Assert.Equal((CpanelErrorKind.Other, "Quota"), (exception.Kind, exception.KindName));
    }

    [Theory]
    [InlineData("""{"cpanelresult":{"apiversion":"2","error":"Access denied"}}""")]
    [InlineData("""[]""")]
    [InlineData("")]
    public void ReadUapi_NotAUapiEnvelope_ThrowsProtocolException(string body)
    {
        Assert.Throws<CpanelProtocolException>(() => Read(body));
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound, typeof(CpanelProtocolException))]
    [InlineData(HttpStatusCode.Unauthorized, typeof(CpanelAuthenticationException))]
    [InlineData(HttpStatusCode.BadGateway, typeof(CpanelTransportException))]
    public void ReadUapi_Status_MapsToItsClass(HttpStatusCode status, Type expected)
    {
        var exception = Record.Exception(() => Read("{}", status));

        Assert.IsType(expected, exception);
    }

    [Fact]
    public void ReadWhm_ResultAsString_IsRead()
    {
        const string Body = """{"data":{"session":"s","cp_security_token":"/cpsess1","url":"u","expires":"1795802847"},"metadata":{"result":"1","reason":"OK"}}""";
        using var response = Response(Body);

        var data = CpanelResponseReader.ReadWhm(Server, "create_user_session", Credential, response, Encoding.UTF8.GetBytes(Body));

        Assert.Equal(1795802847, data.Expires);
    }

    [Fact]
    public void Sources_OutsideTheReader_NeverMatchCpanelsTexts()
    {
        // cPanel's English is read once, here, into a kind (and so an ErrorClass); hosts answer by the class, never by a text.
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "CpanelSessionOps.sln")))
        {
            root = root.Parent ?? throw new InvalidOperationException("The repository root (CpanelSessionOps.sln) was not found above the tests.");
        }

        var textMatch = new Regex(@"(Contains|StartsWith|EndsWith|IndexOf|Equals)\(\s*""[^""]*(not found|suspended|do not exist|not have a user|incorrect)",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(10));
        var reader = Path.Combine("src", "Core", "Cpanel", "Internal", "CpanelResponseReader.cs");
        var offenders = new[] { "src", "functions", "action" }
            .Select(folder => Path.Combine(root.FullName, folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
            .Select(file => Path.GetRelativePath(root.FullName, file))
            // The emulator writes cPanel's texts; build output is not source.
            .Where(file => !file.StartsWith(Path.Combine("src", "Emulator"), StringComparison.Ordinal) && file != reader &&
                !file.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Where(file => textMatch.IsMatch(File.ReadAllText(Path.Combine(root.FullName, file))))
            .ToList();

        Assert.Empty(offenders);
        Assert.Matches(textMatch, File.ReadAllText(Path.Combine(root.FullName, reader)));
    }

    private static UapiResult Read(string body, HttpStatusCode status = HttpStatusCode.OK)
    {
        using var response = Response(body, status);
        return CpanelResponseReader.ReadUapi(Server, "create_webmail_session_for_self", Credential, response, Encoding.UTF8.GetBytes(body));
    }

    private static HttpResponseMessage Response(string body, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
}
