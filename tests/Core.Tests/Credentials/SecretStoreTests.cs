using CpanelSessionOps.Credentials;
using CpanelSessionOps.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CpanelSessionOps.Core.Tests.Credentials;

/// <summary>The store against a Key Vault-compatible endpoint through the real <c>SecretClient</c>.</summary>
public sealed class SecretStoreTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private LocalKeyVault _vault = null!;
    private SecretStore _store = null!;

    public async Task InitializeAsync()
    {
        _vault = await LocalKeyVault.StartAsync();
        _store = CreateStore();
    }

    public async Task DisposeAsync() => await _vault.DisposeAsync();

    private SecretStore CreateStore(Action<SecretStoreOptions>? configure = null)
    {
        var options = new SecretStoreOptions { CacheDuration = TimeSpan.FromMinutes(5), GracePeriod = TimeSpan.FromMinutes(30) };
        _vault.Configure(options);
        configure?.Invoke(options);
        return new SecretStore(Options.Create(options), _clock, NullLogger<SecretStore>.Instance);
    }

    [Fact]
    public async Task GetAsync_SecretInVault_ReadsItThroughTheChallenge()
    {
        _vault.SetSecret("web1-whm", "TOKEN-1");

        var value = await _store.GetAsync(SecretReference.Parse("keyvault:web1-whm"));

        Assert.Equal("TOKEN-1", value.Reveal());
    }

    [Fact]
    public async Task GetAsync_FullUriWithVersion_ReadsThatVersion()
    {
        var first = _vault.SetSecret("web1-whm", "TOKEN-1");
        _vault.SetSecret("web1-whm", "TOKEN-2");

        var value = await _store.GetAsync(SecretReference.Parse($"{_vault.VaultUri}secrets/web1-whm/{first}"));

        Assert.Equal("TOKEN-1", value.Reveal());
    }

    [Fact]
    public async Task GetAsync_WithinCacheDuration_ReadsTheVaultOnce()
    {
        _vault.SetSecret("web1-whm", "TOKEN-1");
        var reference = SecretReference.Parse("keyvault:web1-whm");

        await _store.GetAsync(reference);
        _clock.Advance(TimeSpan.FromMinutes(4));
        _vault.SetSecret("web1-whm", "TOKEN-2");
        var cached = await _store.GetAsync(reference);

        Assert.Equal("TOKEN-1", cached.Reveal());
        Assert.Equal(1, _vault.SecretReads);
    }

    [Fact]
    public async Task GetAsync_AfterCacheDuration_ReadsTheNewValue()
    {
        _vault.SetSecret("web1-whm", "TOKEN-1");
        var reference = SecretReference.Parse("keyvault:web1-whm");
        await _store.GetAsync(reference);
        _vault.SetSecret("web1-whm", "TOKEN-2");

        _clock.Advance(TimeSpan.FromMinutes(5));
        var fresh = await _store.GetAsync(reference);

        Assert.Equal("TOKEN-2", fresh.Reveal());
        Assert.Equal(2, _vault.SecretReads);
    }

    [Fact]
    public async Task GetAsync_ConcurrentMisses_MakeOneRead()
    {
        _vault.SetSecret("web1-whm", "TOKEN-1");
        var reference = SecretReference.Parse("keyvault:web1-whm");

        var values = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => _store.GetAsync(reference))));

        Assert.All(values, v => Assert.Equal("TOKEN-1", v.Reveal()));
        Assert.Equal(1, _vault.SecretReads);
    }

    [Fact]
    public async Task GetAsync_MissingSecret_SaysWhichSecretAndVault()
    {
        var exception = await Assert.ThrowsAsync<SecretStoreException>(() => _store.GetAsync(SecretReference.Parse("keyvault:nope")));

        Assert.Equal(SecretFailure.NotFound, exception.Failure);
        Assert.Contains($"secret nope not found in vault {_vault.VaultUri.Host}", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_Forbidden_SaysTheIdentityLacksGetPermission()
    {
        _vault.SetSecret("web1-whm", "TOKEN-1");
        _vault.DenyAll = true;

        var exception = await Assert.ThrowsAsync<SecretStoreException>(() => _store.GetAsync(SecretReference.Parse("keyvault:web1-whm")));

        Assert.Equal(SecretFailure.PermissionDenied, exception.Failure);
        Assert.Contains("lacks get permission on secrets in vault", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_ThrottledOnceWithRetryAfter_RetriesAndReads()
    {
        _vault.SetSecret("web1-whm", "TOKEN-1");
        _vault.FailNext(429, retryAfterSeconds: 1);

        var value = await _store.GetAsync(SecretReference.Parse("keyvault:web1-whm"));

        Assert.Equal("TOKEN-1", value.Reveal());
        Assert.Equal(2, _vault.SecretReads);
    }

    [Fact]
    public async Task GetAsync_ThrottledThroughEveryRetry_ReportsThrottled()
    {
        _vault.SetSecret("web1-whm", "TOKEN-1");
        _vault.FailNext(429, count: 3, retryAfterSeconds: 0);

        var exception = await Assert.ThrowsAsync<SecretStoreException>(() => _store.GetAsync(SecretReference.Parse("keyvault:web1-whm")));

        Assert.Equal(SecretFailure.Throttled, exception.Failure);
        Assert.Equal(3, _vault.SecretReads);
    }

    [Fact]
    public async Task GetAsync_ServerErrorsThroughEveryRetry_ReportsUnreachable()
    {
        _vault.SetSecret("web1-whm", "TOKEN-1");
        _vault.FailNext(503, count: 3);

        var exception = await Assert.ThrowsAsync<SecretStoreException>(() => _store.GetAsync(SecretReference.Parse("keyvault:web1-whm")));

        Assert.Equal(SecretFailure.Unreachable, exception.Failure);
    }

    [Fact]
    public async Task GetAsync_VaultNotListening_ReportsUnreachable()
    {
        var store = CreateStore(o => o.VaultUri = new Uri("https://127.0.0.1:1/"));

        var exception = await Assert.ThrowsAsync<SecretStoreException>(() => store.GetAsync(SecretReference.Parse("keyvault:web1-whm")));

        Assert.Equal(SecretFailure.Unreachable, exception.Failure);
    }

    [Fact]
    public async Task GetAsync_VaultFailsWithinGracePeriod_ServesTheLastGoodValue()
    {
        _vault.SetSecret("web1-whm", "TOKEN-1");
        var reference = SecretReference.Parse("keyvault:web1-whm");
        await _store.GetAsync(reference);
        _clock.Advance(TimeSpan.FromMinutes(20));
        _vault.DenyAll = true;

        var stale = await _store.GetAsync(reference);
        var readsAfterFailure = _vault.SecretReads;
        var again = await _store.GetAsync(reference);

        Assert.Equal("TOKEN-1", stale.Reveal());
        Assert.Equal("TOKEN-1", again.Reveal());
        Assert.Equal(readsAfterFailure, _vault.SecretReads);
    }

    [Fact]
    public async Task GetAsync_VaultFailsPastGracePeriod_Throws()
    {
        _vault.SetSecret("web1-whm", "TOKEN-1");
        var reference = SecretReference.Parse("keyvault:web1-whm");
        await _store.GetAsync(reference);
        _clock.Advance(TimeSpan.FromMinutes(36));
        _vault.DenyAll = true;

        await Assert.ThrowsAsync<SecretStoreException>(() => _store.GetAsync(reference));
    }

    [Fact]
    public async Task RefreshAsync_RotatedSecret_ReadsItAtOnceAndSaysItChanged()
    {
        _vault.SetSecret("web1-whm", "TOKEN-1");
        var reference = SecretReference.Parse("keyvault:web1-whm");
        await _store.GetAsync(reference);
        _vault.SetSecret("web1-whm", "TOKEN-2");

        var (value, changed) = await _store.RefreshAsync(reference);
        var (_, changedAgain) = await _store.RefreshAsync(reference);

        Assert.Equal(("TOKEN-2", true), (value.Reveal(), changed));
        Assert.False(changedAgain);
    }

    [Fact]
    public async Task GetAsync_KeyVaultNameWithoutConfiguredVault_SaysToSetVaultUri()
    {
        var store = CreateStore(o => o.VaultUri = null);

        var exception = await Assert.ThrowsAsync<SecretStoreException>(() => store.GetAsync(SecretReference.Parse("keyvault:web1-whm")));

        Assert.Equal(SecretFailure.Misconfigured, exception.Failure);
        Assert.Contains("VaultUri", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_EnvironmentVariableUnset_SaysWhichOne()
    {
        var exception = await Assert.ThrowsAsync<SecretStoreException>(() =>
            _store.GetAsync(SecretReference.Parse("env:CPANEL_SESSION_OPS_TEST_SURELY_UNSET_" + Guid.NewGuid().ToString("N"))));

        Assert.Equal(SecretFailure.NotFound, exception.Failure);
        Assert.Contains("environment variable CPANEL_SESSION_OPS_TEST_SURELY_UNSET_", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_EnvironmentVariableSet_ReadsIt()
    {
        // PATH is set in every test environment; the test reads, never changes, the process environment.
        var value = await _store.GetAsync(SecretReference.Parse("env:PATH"));

        Assert.Equal(Environment.GetEnvironmentVariable("PATH"), value.Reveal());
    }

    [Fact]
    public async Task GetAsync_Inline_ReturnsTheValue()
    {
        var value = await _store.GetAsync(SecretReference.Parse("inline:local-dev-token"));

        Assert.Equal("local-dev-token", value.Reveal());
        Assert.Equal(0, _vault.SecretReads);
    }

    [Theory]
    [InlineData("TOKEN-1\n")]
    [InlineData("TOKEN-1\r\n")]
    [InlineData("\r\nTOKEN-1\r\n\r\n")]
    [InlineData("TOKEN-1\0")]
    public async Task GetAsync_LineEndingsOrNulAroundTheValue_AreTrimmed(string stored)
    {
        _vault.SetSecret("web1-whm", stored);

        var value = await _store.GetAsync(SecretReference.Parse("keyvault:web1-whm"));

        Assert.Equal("TOKEN-1", value.Reveal());
    }

    [Theory]
    [InlineData("TOK\nEN-1")]
    [InlineData("TOK\rEN-1")]
    [InlineData("TOK\0EN-1")]
    [InlineData("TOK\u001bEN-1")]
    public async Task GetAsync_ControlCharacterInsideTheValue_IsAConfigurationErrorNamingTheReferenceNotTheValue(string stored)
    {
        _vault.SetSecret("web1-whm", stored);

        var failure = await Assert.ThrowsAsync<SecretStoreException>(() => _store.GetSingleLineAsync(SecretReference.Parse("keyvault:web1-whm")));

        Assert.Equal(SecretFailure.Misconfigured, failure.Failure);
        Assert.Contains("keyvault:web1-whm", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("TOK", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_MultiLineValue_KeepsItsLinesAndTrimsOnlyTheEnds()
    {
        _vault.SetSecret("app-key", "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n");

        var value = await _store.GetAsync(SecretReference.Parse("keyvault:app-key"));

        Assert.Equal("-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----", value.Reveal());
    }
}
