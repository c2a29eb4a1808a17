using System.Security.Cryptography;

namespace CpanelSessionOps.Emulator.Internal;

/// <summary>RFC 6238 time-based one-time codes (SHA-1, 30 seconds, 6 digits), as cPanel's two-factor authentication uses.
/// Kept apart from Core's TotpCodes on purpose: the emulator stands in for the server and must not share the client's code.</summary>
internal static class Totp
{
    private const int StepSeconds = 30;

    public static bool TryDecodeBase32(string secret, out byte[] key)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var output = new List<byte>(secret.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var raw in secret)
        {
            if (raw is '=' or ' ')
            {
                continue;
            }

            var index = Alphabet.IndexOf(char.ToUpperInvariant(raw), StringComparison.Ordinal);
            if (index < 0)
            {
                key = [];
                return false;
            }

            buffer = (buffer << 5) | index;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                output.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }

        key = [.. output];
        return key.Length > 0;
    }

    public static string Compute(byte[] key, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[20];
#pragma warning disable CA5350 // RFC 6238 as cPanel implements it is defined over HMAC-SHA1.
        HMACSHA1.HashData(key, counter, hash);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    public static string Compute(byte[] key, DateTimeOffset now) => Compute(key, now.ToUnixTimeSeconds() / StepSeconds);

    /// <summary>Accepts the code of the current step and of one step either side, for clock drift.</summary>
    public static bool Verify(byte[] key, string? code, DateTimeOffset now)
    {
        if (code is null || code.Length != 6)
        {
            return false;
        }

        var step = now.ToUnixTimeSeconds() / StepSeconds;
        for (var drift = -1; drift <= 1; drift++)
        {
            if (CryptographicOperations.FixedTimeEquals(
                    System.Text.Encoding.ASCII.GetBytes(Compute(key, step + drift)),
                    System.Text.Encoding.ASCII.GetBytes(code)))
            {
                return true;
            }
        }

        return false;
    }
}
