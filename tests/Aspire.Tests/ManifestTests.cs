using System.Text.Json;

namespace CpanelSessionOps.Aspire.Tests;

/// <summary>Publishing the sample app host: the emulators are development stand-ins, so the manifest describes real
/// servers through parameters, with no emulator, no path of this machine and no secret.</summary>
public sealed class ManifestTests
{
    [Fact]
    public async Task Publish_SampleAppHost_WritesRealServersAsParametersOnly()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var directory = Directory.CreateTempSubdirectory("cpanel-manifest-");
        try
        {
            var path = Path.Combine(directory.FullName, "manifest.json");
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.CpanelSessionOps_AppHost>(
                ["--publisher", "manifest", "--output-path", path], timeout.Token);
            await using (var app = await builder.BuildAsync(timeout.Token))
            {
                await app.RunAsync(timeout.Token);
            }

            var text = await File.ReadAllTextAsync(path, timeout.Token);
            using var manifest = JsonDocument.Parse(text);
            var resources = manifest.RootElement.GetProperty("resources");
            var strings = AllStrings(manifest.RootElement).ToList();

            Assert.Equal("value.v0", resources.GetProperty("cpanel").GetProperty("type").GetString());
            Assert.Equal(
                "Host={cpanel-host.value};CpanelPort=2083;WhmPort=2087;WebmailPort=2096;Auth=WhmToken;UserName=root;Token={cpanel-token-uri-encoded.value}",
                resources.GetProperty("cpanel").GetProperty("connectionString").GetString());
            Assert.True(resources.GetProperty("cpanel-token").GetProperty("inputs").GetProperty("value").GetProperty("secret").GetBoolean());
            Assert.Equal("{cpanel.connectionString}", resources.GetProperty("consumer").GetProperty("env").GetProperty("ConnectionStrings__cpanel").GetString());
            Assert.DoesNotContain(resources.EnumerateObject(), r => r.Value.GetProperty("type").GetString() is "executable.v0" or "container.v0");
            Assert.DoesNotContain(strings, s => Path.IsPathRooted(s) || s.Contains(Path.GetTempPath(), StringComparison.Ordinal));
            Assert.DoesNotContain(strings, s => s.Contains("127.0.0.1", StringComparison.Ordinal) || s.Contains(".pfx", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain("APITOKEN", text, StringComparison.Ordinal);
            Assert.DoesNotContain("inline:", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Pins=", text, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static IEnumerable<string> AllStrings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => AllStrings(p.Value).Prepend(p.Name)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(AllStrings),
        _ => [],
    };
}
