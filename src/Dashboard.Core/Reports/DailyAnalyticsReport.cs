using System.IO.Compression;
using System.Text.Json;
using Dashboard.Core.Data;
using Dashboard.Core.Listening;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Reports;

/// <summary>
/// One local day, item by item: a ZIP holding <c>analytics-report-{date}.json</c> with one record per track or
/// episode played that day (every play, counted or not), its totals and its breakdowns by country, platform,
/// start and end reason, shuffle, offline and incognito, and its ids.
/// </summary>
public sealed class DailyAnalyticsReport(IDbContextFactory<DashboardDbContext> dbFactory)
{
    internal async Task<int> WriteAsync(ReportContext context, Stream output, CancellationToken cancellationToken)
    {
        var day = context.Parameters.From;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // A day holds hundreds of plays at most: they are grouped in memory.
        var plays = await db.Plays.AsNoTracking()
            .Where(p => p.UserId == context.User.UserId && p.LocalDate == day)
            .OrderBy(p => p.PlayedAt).ThenBy(p => p.Id)
            .Select(p =>
                new DayPlay(p.TrackId, p.EpisodeId, p.PlayedAt, p.MsPlayed, p.Counted, p.Source, p.Platform, p.Country,
                p.ReasonStart, p.ReasonEnd, p.Shuffle, Play.IsSkip(p.Skipped, p.ReasonEnd), p.Offline, p.Incognito))
            .ToListAsync(cancellationToken);
        var items = await ItemsAsync(db, plays, cancellationToken);
        var records = plays
            .GroupBy(p => (p.TrackId, p.EpisodeId))
            .Select(g => (Item: items[g.Key], Plays: g.ToList()))
            .OrderByDescending(r => r.Plays.Count).ThenByDescending(r => r.Plays.Sum(p => (long)p.MsPlayed))
                .ThenBy(r => r.Item.Name, StringComparer.Ordinal)
            .ToList();

        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        var entry = zip.CreateEntry($"analytics-report-{ReportContext.Day(day)}.json", CompressionLevel.Optimal);
        entry.LastWriteTime = context.GeneratedAt;
        await using var entryStream = await entry.OpenAsync(cancellationToken);
        await using var json = new Utf8JsonWriter(entryStream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        context.WriteMeta(json, records.Count);
        json.WriteStartArray("data");
        foreach (var (item, itemPlays) in records)
        {
            WriteRecord(json, context, item, itemPlays);
        }
        json.WriteEndArray();
        json.WriteEndObject();
        return records.Count;
    }

    private static void WriteRecord(Utf8JsonWriter json, ReportContext context, Item item, List<DayPlay> plays)
    {
        json.WriteStartObject();
        json.WriteString("item_type", item.TrackId is null ? "episode" : "track");
        if (item.TrackId is { } trackId)
        {
            json.WriteNumber("track_id", trackId);
        }
        else
        {
            json.WriteNumber("episode_id", item.EpisodeId!.Value);
        }
        json.WriteString("name", item.Name);
        if (item.TrackId is not null)
        {
            WriteIdAndName(json, "artist", item.ArtistId, item.ArtistName);
            WriteIdAndName(json, "album", item.AlbumId, item.AlbumName);
        }
        else
        {
            WriteIdAndName(json, "show", item.ShowId, item.ShowName);
        }
        json.WriteString("spotify_uri", item.SpotifyUri);
        json.WriteString("isrc", item.Isrc);
        WriteNumberOrNull(json, "duration_ms", item.DurationMs);
        json.WriteString("first_played_at", context.Local(plays[0].PlayedAt));
        json.WriteString("last_played_at", context.Local(plays[^1].PlayedAt));

        json.WriteStartObject("totals");
        json.WriteNumber("plays", plays.Count);
        json.WriteNumber("counted_plays", plays.Count(p => p.Counted));
        json.WriteNumber("ms_played", plays.Sum(p => (long)p.MsPlayed));
        json.WriteNumber("skips", plays.Count(p => p.Skip));
        if (CompletionRate(plays, item.DurationMs) is { } rate)
        {
            json.WriteNumber("completion_rate", rate);
        }
        else
        {
            json.WriteNull("completion_rate");
        }
        json.WriteEndObject();

        json.WriteStartObject("country_stats");
        foreach (var country in plays.GroupBy(p => p.Country ?? "unknown").OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            json.WriteStartObject(country.Key);
            json.WriteNumber("plays", country.Count());
            json.WriteNumber("ms_played", country.Sum(p => (long)p.MsPlayed));
            json.WriteNumber("skips", country.Count(p => p.Skip));
            json.WriteEndObject();
        }
        json.WriteEndObject();

        WriteCounts(json, "platform_stats", plays, p => p.Platform ?? "unknown");
        WriteCounts(json, "reason_start", plays, p => p.ReasonStart ?? "unknown");
        WriteCounts(json, "reason_end", plays, p => p.ReasonEnd ?? "unknown");
        WriteCounts(json, "shuffle", plays, p => OnOff(p.Shuffle));
        WriteCounts(json, "offline", plays,
            p => p.Offline switch { true => "offline", false => "online", null => "unknown" });
        WriteCounts(json, "incognito", plays, p => OnOff(p.Incognito));
        WriteCounts(json, "sources", plays, p => ReportContext.Name(p.Source));
        json.WriteEndObject();
    }

    /// <summary>
    /// The average share of the item heard per play, in percent with one decimal; unknown while the item's
    /// length is. A play longer than the item (a replay within one play) counts as complete.
    /// </summary>
    internal static double? CompletionRate(IReadOnlyCollection<DayPlay> plays, int? durationMs) =>
        durationMs is { } length && length > 0
            ? Math.Round(plays.Average(p => Math.Min(1.0, (double)p.MsPlayed / length)) * 100, 1)
            : null;

    private static string OnOff(bool? flag) => flag switch { true => "on", false => "off", null => "unknown" };

    private static void WriteCounts(Utf8JsonWriter json, string name, List<DayPlay> plays, Func<DayPlay, string> key)
    {
        json.WriteStartObject(name);
        foreach (var group in plays.GroupBy(key).OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            json.WriteNumber(group.Key, group.Count());
        }
        json.WriteEndObject();
    }

    private static void WriteIdAndName(Utf8JsonWriter json, string prefix, int? id, string? name)
    {
        WriteNumberOrNull(json, $"{prefix}_id", id);
        json.WriteString($"{prefix}_name", name);
    }

    private static void WriteNumberOrNull(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static async Task<Dictionary<(int?, int?), Item>> ItemsAsync(DashboardDbContext db, List<DayPlay> plays,
        CancellationToken cancellationToken)
    {
        var trackIds = plays.Where(p => p.TrackId is not null).Select(p => p.TrackId!.Value).Distinct().ToList();
        var episodeIds = plays.Where(p => p.EpisodeId is not null).Select(p => p.EpisodeId!.Value).Distinct().ToList();
        var tracks = await db.Tracks.AsNoTracking().Where(t => trackIds.Contains(t.Id))
            .Select(t =>
                new Item(t.Id, null, t.Name, t.PrimaryArtistId, t.PrimaryArtist!.Name, t.AlbumId, t.Album!.Name, null,
                    null,
                t.SpotifyId != null ? "spotify:track:" + t.SpotifyId : null, t.Isrc, t.DurationMs))
            .ToListAsync(cancellationToken);
        var episodes = await db.Episodes.AsNoTracking().Where(e => episodeIds.Contains(e.Id))
            .Select(e => new Item(null, e.Id, e.Name, null, null, null, null, e.ShowId, e.Show!.Name,
                e.SpotifyId != null ? "spotify:episode:" + e.SpotifyId : null, null, e.DurationMs))
            .ToListAsync(cancellationToken);
        return tracks.Concat(episodes).ToDictionary(i => (i.TrackId, i.EpisodeId));
    }

    internal sealed record DayPlay(int? TrackId, int? EpisodeId, DateTime PlayedAt, int MsPlayed, bool Counted,
        PlaySource Source,
        string? Platform, string? Country, string? ReasonStart, string? ReasonEnd, bool? Shuffle, bool Skip,
        bool? Offline, bool? Incognito);

    private sealed record Item(int? TrackId, int? EpisodeId, string Name, int? ArtistId, string? ArtistName,
        int? AlbumId,
        string? AlbumName, int? ShowId, string? ShowName, string? SpotifyUri, string? Isrc, int? DurationMs);
}
