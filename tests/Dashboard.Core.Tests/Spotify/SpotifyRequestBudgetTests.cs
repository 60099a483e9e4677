using Dashboard.Core.Spotify;

namespace Dashboard.Core.Tests.Spotify;

/// <summary>Background work spends a per-user, per-hour budget of Spotify calls.</summary>
public sealed class SpotifyRequestBudgetTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 3, 10, 18, 40, 0, TimeSpan.Zero);
    private CoreTestHost _host = default!;

    public async ValueTask InitializeAsync() =>
        _host = await CoreTestHost.StartAsync(Start,
            new Dictionary<string, string?> { ["Spotify:RequestBudgetPerHour"] = "3" });

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private SpotifyRequestBudget Budget => _host.Get<SpotifyRequestBudget>();

    [Fact]
    public void Budget_allows_the_configured_calls_per_hour_then_refuses()
    {
        Assert.True(Budget.TryConsume(1));
        Assert.True(Budget.TryConsume(1, calls: 2));

        Assert.False(Budget.TryConsume(1));
        Assert.Equal(0, Budget.Remaining(1));
    }

    [Fact]
    public void A_request_for_more_than_is_left_spends_nothing()
    {
        Assert.True(Budget.TryConsume(1, calls: 2));

        Assert.False(Budget.TryConsume(1, calls: 2));
        Assert.Equal(1, Budget.Remaining(1));
    }

    [Fact]
    public void Each_user_has_their_own_budget()
    {
        Assert.True(Budget.TryConsume(1, calls: 3));

        Assert.True(Budget.TryConsume(2));
        Assert.Equal(2, Budget.Remaining(2));
    }

    [Fact]
    public void Budget_is_whole_again_at_the_next_hour()
    {
        Assert.True(Budget.TryConsume(1, calls: 3));
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 19, 0, 0, TimeSpan.Zero), Budget.ResetsAt);

        _host.Clock.Advance(TimeSpan.FromMinutes(20));

        Assert.Equal(3, Budget.Remaining(1));
        Assert.True(Budget.TryConsume(1));
    }
}
