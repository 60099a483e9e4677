using System.Text.Json;
using Dashboard.Core.Imports;
using Dashboard.Core.Listening;
using Dashboard.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Imports;

/// <summary>Imports of the real sample files, checked against counts taken straight from their JSON.</summary>
[RunsLong]
public sealed class ImportSampleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Extended_history_keeps_each_play_once_and_a_second_import_adds_nothing()
    {
        var expected = Extended.Of(Samples.ExtendedAudio);
        await using var host = await CoreTestHost.StartAsync(Now);
        var user = await host.AddUserAsync("listener");

        var first = await host.ImportFilesAsync(user.Id, Samples.ExtendedAudio);

        Assert.Equal(ImportStatus.Completed, first.Status);
        Assert.Equal(expected.Records, first.RecordsTotal);
        Assert.Equal(expected.Records, first.RecordsRead);
        Assert.Equal(expected.DistinctPlays, first.Inserted);
        Assert.Equal(10, first.Duplicates);
        Assert.Equal(expected.Records - expected.DistinctPlays - expected.WithoutItem, first.Duplicates);
        Assert.Equal(expected.WithoutItem, first.Skipped);
        Assert.Equal(expected.FirstTs, first.FirstPlayedAt);
        Assert.Equal(expected.LastTs, first.LastPlayedAt);
        await using (var db = await host.DbAsync())
        {
            Assert.Equal(expected.DistinctPlays, await db.Plays.CountAsync());
            Assert.Equal(expected.DistinctEpisodePlays,
                await db.Plays.CountAsync(p => p.EpisodeId != null && p.ContentType == ContentType.Podcast));
            Assert.Equal(expected.Incognito, await db.Plays.CountAsync(p => p.Incognito == true));
            Assert.Equal(expected.Offline, await db.Plays.CountAsync(p => p.Offline == true));
            Assert.Equal(expected.DistinctTracks, await db.Tracks.CountAsync());
            Assert.Equal(expected.Platforms,
                await db.Plays.Select(p => p.Platform!).Distinct().OrderBy(p => p).ToListAsync());
            Assert.Equal(expected.Countries,
                await db.Plays.Select(p => p.Country!).Distinct().OrderBy(c => c).ToListAsync());
            Assert.Equal(expected.TotalMs, await db.Plays.SumAsync(p => (long)p.MsPlayed));
            Assert.Equal(0, await db.Plays.CountAsync(p => p.Source != PlaySource.ExtendedHistory));
        }

        var second = await host.ImportFilesAsync(user.Id, Samples.ExtendedAudio);

        Assert.Equal(ImportStatus.Completed, second.Status);
        Assert.Equal(0, second.Inserted);
        Assert.Equal(expected.Records - expected.WithoutItem, second.Duplicates);
        await using (var db = await host.DbAsync())
        {
            Assert.Equal(expected.DistinctPlays, await db.Plays.CountAsync());
        }
        Assert.Empty(Directory.EnumerateFileSystemEntries(host.ImportsFolder));
    }

    [Fact]
    public async Task Legacy_endsong_counts_records_without_an_item_as_skipped_and_reads_milliseconds()
    {
        var expected = Extended.Of(Samples.LegacyEndsong);
        await using var host = await CoreTestHost.StartAsync(Now);
        var user = await host.AddUserAsync("listener");

        var import = await host.ImportFilesAsync(user.Id, Samples.LegacyEndsong);

        Assert.Equal(ImportStatus.Completed, import.Status);
        Assert.Equal(20, expected.WithoutItem);
        Assert.Equal(expected.WithoutItem, import.Skipped);
        Assert.Equal(expected.DistinctPlays, import.Inserted);
        Assert.Equal(expected.Records - expected.DistinctPlays - expected.WithoutItem, import.Duplicates);
        Assert.Equal(expected.WithoutItem,
            JsonSerializer.Deserialize<Dictionary<string, int>>(import.SkippedReasons!)!.Single().Value);
        await using var db = await host.DbAsync();
        // offline_timestamp is in milliseconds in this format: the first record's 1662568229751 is
        // 2022-09-07T16:30:29.751Z.
        var first = await db.Plays.SingleAsync(p => p.PlayedAt == new DateTime(2022, 9, 7, 16, 30, 37, DateTimeKind.Utc)
                                                     && p.Track!.SpotifyId == "4Kpt4pk9xgOlIgu9qvUrxC");
        Assert.Equal(new DateTime(2022, 9, 7, 16, 30, 29, 751, DateTimeKind.Utc), first.OfflineAt);
        Assert.Null(first.Skipped);
        Assert.Equal("Android OS 12 API 31 (samsung, SM-G781U)", first.Platform);
    }

    [Fact]
    public async Task Account_data_imports_music_podcasts_and_audiobooks_by_name()
    {
        string[] files =
        [
            Samples.Path("spotify-export/account-data/StreamingHistory_music_0.json"),
            Samples.Path("spotify-export/account-data/StreamingHistory_music_1.json"),
            Samples.Path("spotify-export/account-data/StreamingHistory_podcast_0.json"),
            Samples.Path("spotify-export/account-data/StreamingHistory_audiobook_0.json"),
        ];
        var music = AccountData.Of(files[..2], "artistName", "trackName");
        var podcasts = AccountData.Of(files[2..3], "podcastName", "episodeName");
        var audiobooks = AccountData.Of(files[3..], "audiobookName", "chapterName");
        await using var host = await CoreTestHost.StartAsync(Now);
        var user = await host.AddUserAsync("listener");

        var import = await host.ImportFilesAsync(user.Id, files);

        Assert.Equal(ImportStatus.Completed, import.Status);
        Assert.Equal(10_000 + 5_850 + 597 + 11, import.RecordsRead);
        Assert.Equal(music.Distinct + podcasts.Distinct + audiobooks.Distinct, import.Inserted);
        Assert.Equal(music.Duplicates + podcasts.Duplicates + audiobooks.Duplicates, import.Duplicates);
        Assert.Equal(0, import.Skipped);
        await using var db = await host.DbAsync();
        Assert.Equal(music.Distinct, await db.Plays.CountAsync(p => p.ContentType == ContentType.Music));
        Assert.Equal(podcasts.Distinct, await db.Plays.CountAsync(p => p.ContentType == ContentType.Podcast));
        Assert.Equal(audiobooks.Distinct, await db.Plays.CountAsync(p => p.ContentType == ContentType.Audiobook));
        Assert.Equal(music.Items, await db.Tracks.CountAsync());
        Assert.Equal(music.Owners, await db.Artists.CountAsync());
        Assert.True(await db.Plays.AllAsync(p => p.Source == PlaySource.AccountData && p.PlayedAt.Second == 0));
        Assert.Equal("Davis LPC",
            (await db.Shows.SingleAsync(s => s.Name == "How to Keep House While Drowning")).Publisher![^9..]);
    }

    /// <summary>Counts from an extended-history file, computed from the raw JSON.</summary>
    private sealed record Extended(int Records, int WithoutItem, int DistinctPlays, int DistinctEpisodePlays,
        int DistinctTracks,
        int Incognito, int Offline, long TotalMs, List<string> Platforms, List<string> Countries, DateTime FirstTs,
        DateTime LastTs)
    {
        public static Extended Of(string path)
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var records = document.RootElement.EnumerateArray().ToList();
            var withItem = records
                .Select(r =>
                    (Ts: Text(r, "ts")!, Track: Text(r, "spotify_track_uri"), Episode: Text(r, "spotify_episode_uri"),
                        Raw: r))
                .Where(r => r.Track is not null || r.Episode is not null)
                .ToList();
            // A play is one (item, end time): the first record of each pair is the one kept.
            var distinct = withItem.DistinctBy(r => (r.Ts, r.Track ?? r.Episode)).ToList();
            var times = distinct.Select(r =>
                DateTime.Parse(r.Ts, null, System.Globalization.DateTimeStyles.AdjustToUniversal)).ToList();
            return new Extended(
                records.Count,
                records.Count - withItem.Count,
                distinct.Count,
                distinct.Count(r => r.Episode is not null),
                distinct.Where(r => r.Track is not null).Select(r => r.Track).Distinct().Count(),
                distinct.Count(r => r.Raw.GetProperty("incognito_mode").ValueKind == JsonValueKind.True),
                distinct.Count(r => r.Raw.GetProperty("offline").ValueKind == JsonValueKind.True),
                distinct.Sum(r => r.Raw.GetProperty("ms_played").GetInt64()),
                distinct.Select(r => Text(r.Raw, "platform")!).Distinct().Order(StringComparer.Ordinal).ToList(),
                distinct.Select(r => Text(r.Raw, "conn_country")!).Distinct().Order(StringComparer.Ordinal).ToList(),
                times.Min(),
                times.Max());
        }
    }

    /// <summary>Counts from account-data files: a play is one (owner, item, minute).</summary>
    private sealed record AccountData(int Distinct, int Duplicates, int Items, int Owners)
    {
        public static AccountData Of(string[] paths, string ownerField, string itemField)
        {
            var records = paths.SelectMany(path =>
                JsonDocument.Parse(File.ReadAllBytes(path)).RootElement.EnumerateArray().ToList())
                .Select(r => (End: Text(r, "endTime"), Owner: Text(r, ownerField), Item: Text(r, itemField)))
                .ToList();
            var distinct = records.Distinct().Count();
            return new AccountData(distinct, records.Count - distinct,
                records.Select(r => (r.Owner, r.Item)).Distinct().Count(),
                records.Select(r => r.Owner).Distinct().Count());
        }
    }

    private static string? Text(JsonElement record, string name) =>
        record.TryGetProperty(name, out var value)
            && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
