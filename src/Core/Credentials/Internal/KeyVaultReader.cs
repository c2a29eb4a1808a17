using System.Collections.Concurrent;
using Azure;
using Azure.Core;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;

namespace CpanelSessionOps.Credentials.Internal;

/// <summary>Reads Key Vault secrets through one <see cref="SecretClient"/> per vault, and maps every failure in one place.</summary>
internal sealed class KeyVaultReader(SecretStoreOptions options)
{
    private readonly ConcurrentDictionary<Uri, SecretClient> _clients = new();
    private readonly Lazy<TokenCredential> _credential = new(() => options.TokenCredential ?? new DefaultAzureCredential(
        new DefaultAzureCredentialOptions { ManagedIdentityClientId = options.ManagedIdentityClientId }));

    public async Task<string> ReadAsync(SecretReference reference, CancellationToken cancellationToken)
    {
        var vault = reference.VaultUri ?? options.VaultUri ?? throw new SecretStoreException(SecretFailure.Misconfigured,
            $"{reference} names no vault and Fleet:Secrets:VaultUri is not set; set it, or use a full secret URI.");
        var client = _clients.GetOrAdd(vault, uri =>
        {
            var clientOptions = new SecretClientOptions
            {
                Retry = { MaxRetries = 3, Mode = RetryMode.Exponential, Delay = TimeSpan.FromMilliseconds(800), MaxDelay = TimeSpan.FromSeconds(10), NetworkTimeout = TimeSpan.FromSeconds(15) },
            };
            options.ConfigureClientOptions?.Invoke(clientOptions);
            return new SecretClient(uri, _credential.Value, clientOptions);
        });

        try
        {
            var secret = await client.GetSecretAsync(reference.Name, reference.Version, cancellationToken).ConfigureAwait(false);
            if (secret.Value.Properties.Enabled == false)
            {
                throw new SecretStoreException(SecretFailure.Misconfigured, $"secret {reference.Name} in vault {vault.Host} is disabled; enable it or point to another.");
            }

            return secret.Value.Value ?? throw new SecretStoreException(SecretFailure.NotFound, $"secret {reference.Name} in vault {vault.Host} has no value.");
        }
        catch (RequestFailedException ex)
        {
            throw ex.Status switch
            {
                404 => new SecretStoreException(SecretFailure.NotFound,
                    $"secret {reference.Name} not found in vault {vault.Host}; create it or fix the reference.", ex),
                401 or 403 => new SecretStoreException(SecretFailure.PermissionDenied,
                    $"the identity lacks get permission on secrets in vault {vault.Host}; grant it the Key Vault Secrets User role (or a get access policy).", ex),
                429 => new SecretStoreException(SecretFailure.Throttled,
                    $"vault {vault.Host} is throttling requests (HTTP 429) through every retry; read less often (raise Fleet:Secrets:CacheDuration) or wait.", ex),
                _ => new SecretStoreException(SecretFailure.Unreachable,
                    $"vault {vault.Host} did not answer (HTTP {(ex.Status == 0 ? "none" : ex.Status)}); check the vault URI and the network path to it.", ex),
            };
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is RequestFailedException))
        {
            // Azure.Core gives up on network failures with every attempt's error in one AggregateException.
            throw new SecretStoreException(SecretFailure.Unreachable,
                $"vault {vault.Host} could not be reached through every retry; check the vault URI and the network path to it.", ex);
        }
        catch (AuthenticationFailedException ex)
        {
            throw new SecretStoreException(SecretFailure.PermissionDenied,
                $"no Azure credential could get a token for vault {vault.Host}; configure a managed identity (Fleet:Secrets:ManagedIdentityClientId) or sign in.", ex);
        }
    }
}
