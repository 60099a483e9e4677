using Dashboard.Core.Formatting;

namespace Dashboard.Core.Tests.Formatting;

[NoDatabase]
public sealed class FiguresTests
{
    [Theory]
    [InlineData(0, "0 plays")]
    [InlineData(1, "1 play")]
    [InlineData(2, "2 plays")]
    [InlineData(1_234, "1,234 plays")]
    public void A_count_takes_its_noun_in_the_singular_for_exactly_one(long count, string expected) =>
        Assert.Equal(expected, Figures.Count(count, "play"));

    [Fact]
    public void A_noun_with_its_own_plural_takes_it()
    {
        Assert.Equal("1 entry", Figures.Count(1, "entry", "entries"));
        Assert.Equal("3 entries", Figures.Count(3, "entry", "entries"));
        Assert.Equal("1 day", Figures.Days(1));
    }
}
