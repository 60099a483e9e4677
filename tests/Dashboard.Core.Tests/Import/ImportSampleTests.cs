using System.Text.Json;
using Dashboard.Core.Import;
using Dashboard.Core.Listening;
using Dashboard.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;
using ImportEntity = Dashboard.Core.Import.Import;

namespace Dashboard.Core.Tests.Import;

/// <summary>Imports of the real sample files, checked against counts taken straight from the JSON.</summary>
public sealed class ImportSampleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Extended_history_keeps_each_play_once_and_a_second_import_adds_nothing()
    {
        var expected = ExpectedCounts.Of(Samples.ExtendedAudio);
        await using var host = await CoreTestHost.StartAsync(Now);
        var user = await host.AddUserAsync("listener");

        var first = await ImportAsync(host, user.Id, Samples.ExtendedAudio);

        Assert.Equal(ImportStatus.Completed, first.Status);
        Assert.Equal(expected.Records, first.RecordsRead);
        Assert.Equal(expected.DistinctPlays, first.Inserted);
        Assert.Equal(expected.Records - expected.DistinctPlays - expected.WithoutItem, first.Duplicates);
        Assert.Equal(expected.WithoutItem, first.Skipped);
        await using (var db = await host.DbAsync())
        {
            Assert.Equal(expected.DistinctPlays, await db.Plays.CountAsync());
            Assert.Equal(expected.DistinctEpisodePlays, await db.Plays.CountAsync(p => p.EpisodeId != null));
            Assert.Equal(expected.DistinctEpisodePlays, await db.Plays.CountAsync(p => p.ContentType == ContentType.Podcast));
            Assert.Equal(expected.Incognito, await db.Plays.CountAsync(p => p.Incognito == true));
            Assert.Equal(expected.DistinctTracks, await db.Tracks.CountAsync());
        }

        var second = await ImportAsync(host, user.Id, Samples.ExtendedAudio);

        Assert.Equal(ImportStatus.Completed, second.Status);
        Assert.Equal(0, second.Inserted);
        Assert.Equal(expected.Records - expected.WithoutItem, second.Duplicates);
        await using (var db = await host.DbAsync())
        {
            Assert.Equal(expected.DistinctPlays, await db.Plays.CountAsync());
        }
    }

    [Fact]
    public async Task Legacy_endsong_counts_records_without_an_item_as_skipped()
    {
        var expected = ExpectedCounts.Of(Samples.LegacyEndsong);
        await using var host = await CoreTestHost.StartAsync(Now);
        var user = await host.AddUserAsync("listener");

        var import = await ImportAsync(host, user.Id, Samples.LegacyEndsong);

        Assert.Equal(ImportStatus.Completed, import.Status);
        Assert.Equal(20, expected.WithoutItem);
        Assert.Equal(expected.WithoutItem, import.Skipped);
        Assert.Equal(expected.DistinctPlays, import.Inserted);
        Assert.Contains("\"no track, episode or chapter", import.SkippedReasons);
        await using var db = await host.DbAsync();
        // offline_timestamp is in milliseconds in this format.
        var first = await db.Plays.Where(p => p.OfflineAt != null).OrderBy(p => p.PlayedAt).FirstAsync();
        Assert.InRange(first.OfflineAt!.Value.Year, 2020, 2024);
    }

    [Fact]
    public async Task A_truncated_file_imports_nothing_and_names_the_record()
    {
        await using var host = await CoreTestHost.StartAsync(Now);
        var user = await host.AddUserAsync("listener");
        var bytes = await File.ReadAllBytesAsync(Samples.ExtendedAudio);
        var truncated = Path.Combine(host.Folder, "Streaming_History_Audio_2024_4.json");
        await File.WriteAllBytesAsync(truncated, bytes[..(bytes.Length * 2 / 3)]);

        var import = await ImportAsync(host, user.Id, truncated);

        Assert.Equal(ImportStatus.Failed, import.Status);
        Assert.Contains("Streaming_History_Audio_2024_4.json: record", import.Error);
        Assert.Contains("truncated", import.Error);
        await using var db = await host.DbAsync();
        Assert.Equal(0, await db.Plays.CountAsync());
        Assert.Equal(0, await db.Tracks.CountAsync());
    }

    internal static async Task<ImportEntity> ImportAsync(CoreTestHost host, int userId, params string[] paths)
    {
        var service = host.Get<ImportService>();
        var streams = paths.Select(File.OpenRead).ToList();
        try
        {
            var import = await service.CreateAsync(userId, paths.Zip(streams, (p, s) => new IncomingFile(Path.GetFileName(p), s)).ToList(), CancellationToken.None);
            await service.RunAsync(import.Id, CancellationToken.None);
            await using var db = await host.DbAsync();
            return await db.Imports.AsNoTracking().SingleAsync(i => i.Id == import.Id);
        }
        finally
        {
            foreach (var stream in streams)
            {
                await stream.DisposeAsync();
            }
        }
    }

    /// <summary>Counts computed from the raw JSON, independently of the importer.</summary>
    private sealed record ExpectedCounts(int Records, int WithoutItem, int DistinctPlays, int DistinctEpisodePlays, int DistinctTracks, int Incognito)
    {
        public static ExpectedCounts Of(string path)
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var records = document.RootElement.EnumerateArray().ToList();
            static string? Text(JsonElement record, string name) =>
                record.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            var withItem = records
                .Select(r => (Ts: Text(r, "ts"), Track: Text(r, "spotify_track_uri"), Episode: Text(r, "spotify_episode_uri"),
                    Incognito: r.TryGetProperty("incognito_mode", out var i) && i.ValueKind == JsonValueKind.True))
                .Where(r => r.Track is not null || r.Episode is not null)
                .ToList();
            var distinct = withItem.DistinctBy(r => (r.Ts, r.Track ?? r.Episode)).ToList();
            return new ExpectedCounts(
                records.Count,
                records.Count - withItem.Count,
                distinct.Count,
                distinct.Count(r => r.Episode is not null),
                distinct.Where(r => r.Track is not null).Select(r => r.Track).Distinct().Count(),
                distinct.Count(r => r.Incognito));
        }
    }
}
