using Microsoft.AspNetCore.Http;

namespace CpanelSessionOps.Emulator.Protocol;

/// <summary>API arguments from the query string and, for a form POST, the body; the body wins, the first value counts.</summary>
internal sealed class RequestParameters(IQueryCollection query, IFormCollection? form)
{
    public static async Task<RequestParameters> ReadAsync(HttpRequest request)
    {
        IFormCollection? form = null;
        if (HttpMethods.IsPost(request.Method) && request.HasFormContentType)
        {
            form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        }

        return new RequestParameters(request.Query, form);
    }

    /// <summary>The value, or null when the argument is absent (an empty value is returned as empty).</summary>
    public string? Get(string name)
    {
        if (form is not null && form.TryGetValue(name, out var fromForm) && fromForm.Count > 0)
        {
            return fromForm[0] ?? "";
        }

        return query.TryGetValue(name, out var fromQuery) && fromQuery.Count > 0 ? fromQuery[0] ?? "" : null;
    }
}
