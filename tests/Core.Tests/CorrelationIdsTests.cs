namespace CpanelSessionOps.Core.Tests;

public sealed class CorrelationIdsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("has space")]
    public void OrNew_NoUsableId_MakesThirtyTwoHexDigitsThatAreValid(string? given)
    {
        var id = CorrelationIds.OrNew(given);

        Assert.Matches("^[0-9a-f]{32}$", id);
        Assert.True(CorrelationIds.IsValid(id));
    }

    [Fact]
    public void OrNew_ManyIdsOnManyThreads_AreAllDifferent()
    {
        var ids = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 20_000, _ => ids.Add(CorrelationIds.OrNew(null)));

        Assert.Equal(20_000, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void OrNew_ValidId_IsKept()
    {
        Assert.Equal("deploy-42:a.b_c", CorrelationIds.OrNew("deploy-42:a.b_c"));
    }
}
