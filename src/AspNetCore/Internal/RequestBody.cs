using Microsoft.AspNetCore.Http;

namespace CpanelSessionOps.AspNetCore.Internal;

/// <summary>Reads a request body into memory, refusing (null) one longer than the limit, whatever Content-Length claimed.</summary>
internal static class RequestBody
{
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
