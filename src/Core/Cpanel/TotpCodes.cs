using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;

namespace CpanelSessionOps.Cpanel;

/// <summary>
/// One-time codes for cPanel accounts with two-factor authentication, computed from the account's TOTP secret
/// (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), for automation that holds the secret in a vault.
/// </summary>
public static class TotpCodes
{
    /// <summary>A code source for <see cref="CpanelPasswordCredential"/> from a base32 secret.</summary>
    /// <param name="base32Secret">The secret cPanel showed when 2FA was set up (base32, spaces and padding ignored).</param>
    /// <param name="timeProvider">The clock; default the system clock.</param>
    /// <exception cref="ArgumentException">The secret is not base32; the message does not repeat it.</exception>
    public static Func<CancellationToken, ValueTask<string>> FromBase32Secret(SensitiveString base32Secret, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(base32Secret);
        var key = DecodeBase32(base32Secret.Reveal());
        var clock = timeProvider ?? TimeProvider.System;
        return _ => ValueTask.FromResult(Compute(key, clock.GetUtcNow().ToUnixTimeSeconds() / 30));
    }

    internal static string Compute(byte[] key, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[20];
#pragma warning disable CA5350 // RFC 6238 as cPanel implements it is defined over HMAC-SHA1.
        HMACSHA1.HashData(key, counter, hash);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    private static byte[] DecodeBase32(string secret)
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
                throw new ArgumentException("The TOTP secret is not base32 (letters A-Z and digits 2-7).", nameof(secret));
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

        return output.Count > 0 ? [.. output] : throw new ArgumentException("The TOTP secret is empty.", nameof(secret));
    }
}
