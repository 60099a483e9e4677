using Dashboard.SpotifyEmulator.Demo;

namespace Dashboard.Web.Tests.Emulator;

/// <summary>The generated demo history: deterministic, and shaped like a real listener's.</summary>
[NoDatabase]
public sealed class DemoListenerTests
{
    private static readonly DateTime From = new(2023, 11, 20, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime To = new(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc);
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static readonly Lazy<(DemoCatalog Catalog, List<DemoPlay> Plays)> History = new(() =>
    {
        var catalog = DemoCatalog.Generate(2026);
        return (catalog, new DemoListener(catalog, 2026, Berlin).PlaysBetween(From, To).ToList());
    });

    [Fact]
    public void The_same_seed_gives_the_same_history()
    {
        var again = new DemoListener(DemoCatalog.Generate(2026), 2026, Berlin).PlaysBetween(From, From.AddDays(30))
            .ToList();
        var first = History.Value.Plays.TakeWhile(p => p.EndedAt < From.AddDays(30)).ToList();

        Assert.Equal(first.Select(p => (p.EndedAt, p.MsPlayed, p.Track?.Id, p.Episode?.Id)),
            again.Select(p => (p.EndedAt, p.MsPlayed, p.Track?.Id, p.Episode?.Id)));
    }

    [Fact]
    public void Three_years_hold_tens_of_thousands_of_plays_over_thousands_of_tracks_and_hundreds_of_artists()
    {
        var (catalog, plays) = History.Value;

        Assert.InRange(plays.Count, 30_000, 80_000);
        Assert.InRange(catalog.Tracks.Count(), 2_000, 6_000);
        Assert.InRange(catalog.Artists.Count, 200, 600);
        Assert.True(plays[0].EndedAt < From.AddDays(7) && plays[^1].EndedAt > To.AddDays(-2),
            "The history spans the whole window.");
        Assert.True(plays.Zip(plays.Skip(1)).All(pair => pair.First.EndedAt <= pair.Second.EndedAt),
            "Plays come in order.");
    }

    [Fact]
    public void Popularity_is_heavily_skewed_like_real_listening()
    {
        var byTrack = History.Value.Plays.Where(p => p.Track is not null).GroupBy(p => p.Track!.Id)
            .Select(g => g.Count())
            .OrderDescending().ToList();
        var topTenPercent = byTrack.Take(byTrack.Count / 10).Sum();

        Assert.True(topTenPercent > byTrack.Sum() * 0.4,
            "The top 10% of tracks take a large share of the plays (Zipf-like).");
    }

    [Fact]
    public void The_history_has_rhythms_skips_podcasts_devices_and_travel()
    {
        var plays = History.Value.Plays;
        var localHours = plays.Select(p => TimeZoneInfo.ConvertTimeFromUtc(p.EndedAt, Berlin).Hour).ToList();

        Assert.True(localHours.Count(h => h is >= 19 and <= 22) > localHours.Count(h => h is >= 2 and <= 5) * 10,
            "Evenings are busy, nights quiet.");
        Assert.InRange(plays.Count(p => p.Skipped) / (double)plays.Count, 0.1, 0.35);
        Assert.True(plays.Count(p => p.Episode is not null) > 300, "Some podcast episodes.");
        Assert.True(plays.Select(p => p.Platform).Distinct().Count() >= 5, "Several platforms.");
        Assert.True(plays.Select(p => p.Country).Distinct().Count() >= 4, "Several countries.");
        Assert.Equal("DE", plays.GroupBy(p => p.Country).MaxBy(g => g.Count())!.Key);
    }
}
