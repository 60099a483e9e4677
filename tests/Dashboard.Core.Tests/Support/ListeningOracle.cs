using System.Text.Json;
using Dashboard.Core.Listening;

namespace Dashboard.Core.Tests.Support;

/// <summary>
/// The expected figures, computed with plain LINQ over the raw JSON of an export file, independently of the
/// importer, the rollups and the services. Only the catalogue ids (for tie-breaks and links) come from the
/// database, by the names and URIs the file holds.
/// </summary>
public sealed class ListeningOracle
{
    public ListeningOracle(string path, TimeZoneInfo zone, PlayCountRule rule,
        IReadOnlyDictionary<string, int> trackLengths)
    {
        Zone = zone;
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var seen = new HashSet<(string, string)>();
        // A track belongs to one album and has one primary artist: those of its first record. (The export
        // sometimes names another edition of the album for the same track id later on.)
        var firstSeen = new Dictionary<string, (string? Artist, string? Album)>();
        foreach (var record in document.RootElement.EnumerateArray())
        {
            var trackUri = Text(record, "spotify_track_uri");
            var episodeUri = Text(record, "spotify_episode_uri");
            var item = trackUri ?? episodeUri;
            var ts = Text(record, "ts");
            // A play is one (end time, item); the first record of a pair is the one kept. No item, no play.
            if (item is null || ts is null || !seen.Add((ts, item)))
            {
                continue;
            }
            var playedAt = DateTime.Parse(ts, null, System.Globalization.DateTimeStyles.AdjustToUniversal);
            var ms = record.GetProperty("ms_played").GetInt32();
            var local = TimeZoneInfo.ConvertTimeFromUtc(playedAt, zone);
            int? length = trackUri is not null && trackLengths.TryGetValue(trackUri, out var l) ? l : null;
            // A record of 0 ms was heard by nobody: no rule counts it.
            var counted = ms > 0 && rule switch
            {
                PlayCountRule.AllPlays => true,
                PlayCountRule.AtLeast30Seconds => ms >= 30_000,
                _ => length is { } known ? ms * 2L >= known : ms >= 30_000,
            };
            if (trackUri is not null && !firstSeen.ContainsKey(trackUri))
            {
                firstSeen[trackUri] = (Text(record, "master_metadata_album_artist_name"),
                    Text(record, "master_metadata_album_album_name"));
            }
            var (artist, album) = trackUri is not null ? firstSeen[trackUri] : (null, null);
            var skipped = Flag(record, "skipped");
            var reasonEnd = Text(record, "reason_end");
            Plays.Add(new OraclePlay(
                playedAt, ms, counted, trackUri, episodeUri,
                trackUri is not null ? Text(record, "master_metadata_track_name")! : Text(record, "episode_name")!,
                artist, album,
                Text(record, "episode_show_name"),
                trackUri is not null ? ContentType.Music : ContentType.Podcast,
                DateOnly.FromDateTime(local), local.Hour,
                local.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)local.DayOfWeek,
                Text(record, "platform"), Text(record, "conn_country"), Text(record, "reason_start"), reasonEnd,
                Flag(record, "shuffle"), skipped, Flag(record, "offline"),
                skipped == true || (skipped is null && reasonEnd == "fwdbtn"),
                Flag(record, "incognito_mode")));
        }
    }

    public TimeZoneInfo Zone { get; }

    public List<OraclePlay> Plays { get; } = [];

    public IEnumerable<OraclePlay> Counted(DateOnly from, DateOnly to) =>
        Plays.Where(p => p.Counted && p.LocalDate >= from && p.LocalDate <= to);

    public IEnumerable<OraclePlay> All(DateOnly from, DateOnly to) =>
        Plays.Where(p => p.LocalDate >= from && p.LocalDate <= to);

    /// <summary>Expected top list: (key, plays, ms) ordered by plays, then time, then the database id.</summary>
    public static List<(string Key, int Plays, long Ms)> Rank(IEnumerable<OraclePlay> plays,
        Func<OraclePlay, string?> key,
        IReadOnlyDictionary<string, int> ids) =>
        plays.Where(p => key(p) is not null)
            .GroupBy(p => key(p)!)
            .Select(g => (g.Key, Plays: g.Count(), Ms: g.Sum(p => (long)p.MsPlayed)))
            .OrderByDescending(x => x.Plays).ThenByDescending(x => x.Ms).ThenBy(x => ids[x.Key])
            .ToList();

    private static string? Text(JsonElement record, string name) =>
        record.TryGetProperty(name, out var value)
            && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool? Flag(JsonElement record, string name) =>
        record.TryGetProperty(name, out var value)
            ? value.ValueKind switch { JsonValueKind.True => true, JsonValueKind.False => false, _ => null }
            : null;
}

public sealed record OraclePlay(
    DateTime PlayedAt,
    int MsPlayed,
    bool Counted,
    string? TrackUri,
    string? EpisodeUri,
    string Name,
    string? Artist,
    string? Album,
    string? Show,
    ContentType ContentType,
    DateOnly LocalDate,
    int LocalHour,
    int LocalWeekday,
    string? Platform,
    string? Country,
    string? ReasonStart,
    string? ReasonEnd,
    bool? Shuffle,
    bool? Skipped,
    bool? Offline,
    bool IsSkip,
    bool? Incognito)
{
    /// <summary>Albums are named per artist: the same title by two artists is two albums.</summary>
    public string? AlbumKey => Album is null ? null : $"{Artist}\u0001{Album}";
}
