namespace CpanelSessionOps.AspNetCore.Tests.Support;

public static class ApiAssert
{
    public static void Problem(ApiResponse response, int status, string type)
    {
        Assert.True(status == response.Status, $"{status} expected, got {response.Status}: {response.Body}");
        Assert.Equal("no-store", response.Header("Cache-Control"));
        Assert.StartsWith("application/problem+json", response.Header("Content-Type"), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(response.Header("X-Correlation-Id")));
        var json = response.Json;
        Assert.Equal("urn:cpanel-session-ops:problem:" + type, json.GetProperty("type").GetString());
        Assert.Equal(status, json.GetProperty("status").GetInt32());
        Assert.Equal(response.Header("X-Correlation-Id"), json.GetProperty("correlationId").GetString());
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("detail").GetString()));
    }
}
