using System.Collections.Concurrent;
using Dashboard.Core.Analytics.Rollups;
using Dashboard.Core.Listening;
using Dashboard.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Analytics;

/// <summary>
/// The extended-history sample imported for a listener in a given time zone under a given play-count rule,
/// with the lengths of every third track known (as after a Spotify look-up), next to its oracle. Built once
/// per scenario and shared by the read-only tests of a class.
/// </summary>
public sealed class SampleScenarios : IAsyncDisposable
{
    /// <summary>The sample runs from August to December 2024; "now" is the day after its last play.</summary>
    public static readonly DateTimeOffset Now = new(2024, 12, 10, 12, 0, 0, TimeSpan.Zero);

    public static readonly TheoryData<string, PlayCountRule> All = new()
    {
        { "America/New_York", PlayCountRule.AllPlays },
        { "America/New_York", PlayCountRule.AtLeast30Seconds },
        { "America/New_York", PlayCountRule.AtLeastHalf },
        { "Asia/Tokyo", PlayCountRule.AllPlays },
        { "Asia/Tokyo", PlayCountRule.AtLeast30Seconds },
        { "Asia/Tokyo", PlayCountRule.AtLeastHalf },
    };

    private readonly ConcurrentDictionary<(string, PlayCountRule), Lazy<Task<Scenario>>> _scenarios = new();

    public Task<Scenario> GetAsync(string zone, PlayCountRule rule) =>
        _scenarios.GetOrAdd((zone, rule),
            key => new Lazy<Task<Scenario>>(() => Scenario.CreateAsync(key.Item1, key.Item2))).Value;

    public async ValueTask DisposeAsync()
    {
        foreach (var scenario in _scenarios.Values.Where(s => s.IsValueCreated))
        {
            await (await scenario.Value).Host.DisposeAsync();
        }
    }
}

public sealed record Scenario(CoreTestHost Host, int UserId, ListeningOracle Oracle,
    IReadOnlyDictionary<string, int> TrackIds,
    IReadOnlyDictionary<string, int> ArtistIds, IReadOnlyDictionary<string, int> AlbumIds,
    IReadOnlyDictionary<string, int> ShowIds)
{
    public static async Task<Scenario> CreateAsync(string zone, PlayCountRule rule)
    {
        var host = await CoreTestHost.StartAsync(SampleScenarios.Now);
        var user = await host.AddUserAsync("listener", zone);
        await host.ImportFilesAsync(user.Id, Samples.ExtendedAudio);

        await using var db = await host.DbAsync();
        // As enrichment would: some tracks' lengths become known, which the half-the-item rule uses.
        var tracks = await db.Tracks.OrderBy(t => t.Id).ToListAsync();
        var lengths = new Dictionary<string, int>();
        foreach (var track in tracks.Where((_, index) => index % 3 == 0))
        {
            track.DurationMs = 150_000 + track.Id % 7 * 20_000;
            lengths[$"spotify:track:{track.SpotifyId}"] = track.DurationMs.Value;
        }
        await db.SaveChangesAsync();
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.PlayCountRule, rule));
        await host.Get<RollupService>().RebuildAsync(user.Id, CancellationToken.None);

        var oracle = new ListeningOracle(Samples.ExtendedAudio, TimeZoneInfo.FindSystemTimeZoneById(zone), rule,
            lengths);
        return new Scenario(host, user.Id, oracle,
            tracks.ToDictionary(t => $"spotify:track:{t.SpotifyId}", t => t.Id),
            await db.Artists.ToDictionaryAsync(a => a.Name, a => a.Id),
            await db.Albums.Include(a => a.PrimaryArtist)
            .ToDictionaryAsync(a => $"{a.PrimaryArtist!.Name}\u0001{a.Name}", a => a.Id),
            await db.Shows.ToDictionaryAsync(s => s.Name, s => s.Id));
    }

    public DateOnly Today =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(SampleScenarios.Now.UtcDateTime, Oracle.Zone));
}
