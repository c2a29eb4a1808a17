using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace CpanelSessionOps.AspNetCore.Tests.Support;

/// <summary>An answer as it crossed the socket: status, every header (response and content), the body text.</summary>
public sealed record ApiResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : "";

    public static async Task<ApiResponse> SendAsync(HttpClient client, string method, string path, string? body = null,
        string contentType = "application/json", IDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            if (name.Equals("Authorization", StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.Authorization = AuthenticationHeaderValue.Parse(value);
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var response = await client.SendAsync(request);
        var all = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        return new ApiResponse((int)response.StatusCode, all, await response.Content.ReadAsStringAsync());
    }
}
