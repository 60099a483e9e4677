using System.Text.Json;
using Dashboard.Core.Imports;
using Dashboard.Core.Listening;
using Dashboard.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Dashboard.Core.Tests.Imports.ExportJson;

namespace Dashboard.Core.Tests.Imports;

/// <summary>
/// Only plausible plays are kept, by one policy for every format: a play outside the bounds, or missing its time,
/// duration or item, is skipped with its own reason; a value of the wrong type or one that cannot be read refuses
/// the file, naming file, record and field.
/// </summary>
public sealed class ImportBoundsTests
{
    /// <summary>
    /// The import's clock: tomorrow is 2026-11-21, so the first moment too late is 2026-11-22T00:00:00Z.
    /// </summary>
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Extended_plays_outside_the_bounds_are_skipped_each_with_its_reason_and_those_at_the_bounds_kept()
    {
        await using var host = await CoreTestHost.StartAsync(Now);
        var user = await host.AddUserAsync("listener");
        var file = Array(
            Extended("2006-01-01T00:00:00Z"),
            Extended("2005-12-31T23:59:59Z"),
            Extended("2026-11-21T23:59:59Z"),
            Extended("2026-11-22T00:00:00Z"),
            Extended("2024-05-01T10:00:00Z", ("ms_played", "86400000")),
            Extended("2024-05-01T10:01:00Z", ("ms_played", "86400001")),
            Extended("2024-05-01T10:02:00Z", ("ms_played", "1000000000000000")),
            Extended("2024-05-01T10:03:00Z", ("ms_played", "1e400")),
            Extended("2024-05-01T10:04:00Z", ("ms_played", "-1")),
            Extended("2024-05-01T10:05:00Z", ("master_metadata_track_name", Text(1_000)),
                ("spotify_track_uri", Text("spotify:track:5555555555555555555555"))),
            Extended("2024-05-01T10:06:00Z", ("master_metadata_track_name", Text(1_001))),
            Extended("2024-05-01T10:07:00Z", ("master_metadata_album_artist_name", Text(1_001))),
            Extended("2024-05-01T10:08:00Z", ("master_metadata_album_album_name", Text(1_001))),
            ExtendedEpisode("2024-05-01T10:09:00Z", ("episode_name", Text(1_001))),
            ExtendedEpisode("2024-05-01T10:10:00Z", ("episode_show_name", Text(1_001))),
            ExtendedChapter("2024-05-01T10:11:00Z", ("audiobook_title", Text(1_001))),
            ExtendedChapter("2024-05-01T10:12:00Z", ("audiobook_chapter_title", Text(1_001))),
            Extended("2024-05-01T10:13:00Z", ("platform", Text(501))),
            Extended("2024-05-01T10:14:00Z", ("conn_country", Text(17))),
            Extended("2024-05-01T10:15:00Z", ("reason_start", Text(101))),
            Extended("2024-05-01T10:16:00Z", ("reason_end", Text(101))),
            Extended("2024-05-01T10:17:00Z", ("spotify_track_uri", Text("spotify:track:" + new string('1', 187)))),
            Extended("2024-05-01T10:18:00Z", ("master_metadata_track_name", Text("Nul\0Song"))),
            ExtendedChapter("2024-05-01T10:19:00Z"));

        var import = await host.ImportAsync(user.Id, ("Streaming_History_Audio_2024.json", file));

        Assert.Equal(ImportStatus.Completed, import.Status);
        Assert.Equal(new Dictionary<string, int>
        {
            ["a time of play before 2006-01-01"] = 1,
            ["a time of play after tomorrow"] = 1,
            ["a duration over 24 hours"] = 3,
            ["a negative duration"] = 1,
            ["master_metadata_track_name over 1,000 characters"] = 1,
            ["master_metadata_album_artist_name over 1,000 characters"] = 1,
            ["master_metadata_album_album_name over 1,000 characters"] = 1,
            ["episode_name over 1,000 characters"] = 1,
            ["episode_show_name over 1,000 characters"] = 1,
            ["audiobook_title over 1,000 characters"] = 1,
            ["audiobook_chapter_title over 1,000 characters"] = 1,
            ["platform over 500 characters"] = 1,
            ["conn_country over 16 characters"] = 1,
            ["reason_start over 100 characters"] = 1,
            ["reason_end over 100 characters"] = 1,
            ["spotify_track_uri over 200 characters"] = 1,
            ["a NUL character in master_metadata_track_name"] = 1,
        }, Reasons(import));
        Assert.Equal((24, 19, 5), (import.RecordsRead, import.Skipped, import.Inserted));
        await using var db = await host.DbAsync();
        Assert.Equal(
            [
                new DateTime(2006, 1, 1, 0, 0, 0, DateTimeKind.Utc),
                new DateTime(2024, 5, 1, 10, 0, 0, DateTimeKind.Utc),
                new DateTime(2024, 5, 1, 10, 5, 0, DateTimeKind.Utc),
                new DateTime(2024, 5, 1, 10, 19, 0, DateTimeKind.Utc),
                new DateTime(2026, 11, 21, 23, 59, 59, DateTimeKind.Utc),
            ],
            await db.Plays.OrderBy(p => p.PlayedAt).Select(p => p.PlayedAt).ToListAsync());
        Assert.Equal(86_400_000, await db.Plays.MaxAsync(p => p.MsPlayed));
        Assert.Equal(1_000, await db.Tracks.MaxAsync(t => t.Name.Length));
        Assert.Equal(["Song", new string('n', 1_000)],
            await db.Tracks.Select(t => t.Name).OrderBy(n => n.Length).ToListAsync());
        Assert.Equal(["Artist"], await db.Artists.Select(a => a.Name).ToListAsync());
    }

    [Fact]
    public async Task Account_data_plays_outside_the_bounds_are_skipped_each_with_its_reason()
    {
        await using var host = await CoreTestHost.StartAsync(Now);
        var user = await host.AddUserAsync("listener");

        var import = await host.ImportAsync(user.Id,
            ("StreamingHistory_music_0.json", Array(
                AccountMusic("2005-12-31 23:59"),
                AccountMusic("2006-01-01 00:00"),
                AccountMusic("2026-11-22 00:00"),
                AccountMusic("2024-05-01 10:00", ("msPlayed", "1000000000000000")),
                AccountMusic("2024-05-01 10:01", ("msPlayed", "-5")),
                AccountMusic("2024-05-01 10:02", ("trackName", Text(1_001))),
                AccountMusic("2024-05-01 10:03", ("artistName", Text(1_001))))),
            ("StreamingHistory_podcast_0.json", Array(
                AccountPodcast("2024-05-01 11:00", ("podcastName", Text(1_001))),
                AccountPodcast("2024-05-01 11:01", ("episodeName", Text(1_001))),
                AccountPodcast("2024-05-01 11:02"))),
            ("StreamingHistory_audiobook_0.json", Array(
                AccountAudiobook("2024-05-01 12:00", ("audiobookName", Text(1_001))),
                AccountAudiobook("2024-05-01 12:01", ("chapterName", Text(1_001))),
                AccountAudiobook("2024-05-01 12:02", ("authorName", Text(1_001))),
                AccountAudiobook("2024-05-01 12:03"))));

        Assert.Equal(ImportStatus.Completed, import.Status);
        Assert.Equal(new Dictionary<string, int>
        {
            ["a time of play before 2006-01-01"] = 1,
            ["a time of play after tomorrow"] = 1,
            ["a duration over 24 hours"] = 1,
            ["a negative duration"] = 1,
            ["trackName over 1,000 characters"] = 1,
            ["artistName over 1,000 characters"] = 1,
            ["podcastName over 1,000 characters"] = 1,
            ["episodeName over 1,000 characters"] = 1,
            ["audiobookName over 1,000 characters"] = 1,
            ["chapterName over 1,000 characters"] = 1,
            ["authorName over 1,000 characters"] = 1,
        }, Reasons(import));
        Assert.Equal((14, 11, 3), (import.RecordsRead, import.Skipped, import.Inserted));
        await using var db = await host.DbAsync();
        Assert.Equal([ContentType.Music, ContentType.Podcast, ContentType.Audiobook],
            await db.Plays.OrderBy(p => p.PlayedAt).Select(p => p.ContentType).ToListAsync());
    }

    [Fact]
    public async Task A_missing_or_null_time_duration_or_item_skips_the_record_with_its_reason_in_every_format()
    {
        await using var host = await CoreTestHost.StartAsync(Now);
        var user = await host.AddUserAsync("listener");

        var import = await host.ImportAsync(user.Id,
            ("Streaming_History_Audio_2024.json", Array(
                Extended("2024-05-01T10:00:00Z"),
                Extended("2024-05-01T10:01:00Z", ("ts", "null")),
                Extended("2024-05-01T10:02:00Z", ("ts", Missing)),
                Extended("2024-05-01T10:03:00Z", ("ms_played", "null")),
                Extended("2024-05-01T10:04:00Z", ("ms_played", Missing)),
                Extended("2024-05-01T10:05:00Z", ("master_metadata_track_name", "null"), ("spotify_track_uri", "null")),
                "null")),
            ("StreamingHistory_music_0.json", Array(
                AccountMusic("2024-05-01 11:00"),
                AccountMusic("2024-05-01 11:01", ("endTime", "null")),
                AccountMusic("2024-05-01 11:02", ("msPlayed", Missing)),
                AccountMusic("2024-05-01 11:03", ("trackName", "null")))));

        Assert.Equal(ImportStatus.Completed, import.Status);
        Assert.Equal(new Dictionary<string, int>
        {
            ["no time of play"] = 3,
            ["no duration"] = 3,
            ["no track, episode or chapter (Spotify left the item empty)"] = 2,
            ["an empty record (null)"] = 1,
        }, Reasons(import));
        Assert.Equal((11, 9, 2), (import.RecordsRead, import.Skipped, import.Inserted));
    }

    [Theory]
    [InlineData("Streaming_History_Audio_2024.json", "ts", "\"yesterday\"",
        "(field ts) has a value that cannot be read: Spotify writes a time like 2024-05-01T10:03:17Z.")]
    [InlineData("Streaming_History_Audio_2024.json", "ts", "1714557797",
        "(field ts) has a value of the wrong type (a number where Spotify writes text).")]
    [InlineData("Streaming_History_Audio_2024.json", "ms_played", "1234.5",
        "(field ms_played) has a value that cannot be read: Spotify writes a whole number.")]
    [InlineData("Streaming_History_Audio_2024.json", "ms_played", "\"1234\"",
        "(field ms_played) has a value of the wrong type (text where Spotify writes a number).")]
    [InlineData("Streaming_History_Audio_2024.json", "shuffle", "\"yes\"",
        "(field shuffle) has a value of the wrong type (text where Spotify writes true or false).")]
    [InlineData("Streaming_History_Audio_2024.json", "platform", "{\"os\":\"android\"}",
        "(field platform) has a value of the wrong type (an object where Spotify writes text).")]
    [InlineData("Streaming_History_Audio_2024.json", "offline_timestamp", "[1]",
        "(field offline_timestamp) has a value of the wrong type (a list where Spotify writes a number).")]
    [InlineData("StreamingHistory_music_0.json", "endTime", "\"01/05/2024 10:03\"",
        "(field endTime) has a value that cannot be read: Spotify writes a time like 2024-05-01 10:03.")]
    [InlineData("StreamingHistory_music_0.json", "endTime", "20240501",
        "(field endTime) has a value of the wrong type (a number where Spotify writes text).")]
    [InlineData("StreamingHistory_music_0.json", "msPlayed", "true",
        "(field msPlayed) has a value of the wrong type (true or false where Spotify writes a number).")]
    [InlineData("StreamingHistory_podcast_0.json", "episodeName", "42",
        "(field episodeName) has a value of the wrong type (a number where Spotify writes text).")]
    [InlineData("StreamingHistory_audiobook_0.json", "authorName", "false",
        "(field authorName) has a value of the wrong type (true or false where Spotify writes text).")]
    public async Task A_value_of_the_wrong_type_or_unreadable_refuses_the_file_naming_record_and_field(
        string fileName, string field, string json, string problem)
    {
        Func<string, (string, string)[], string> record = fileName switch
        {
            "StreamingHistory_music_0.json" => (at, fields) => AccountMusic($"2024-05-01 10:0{at}", fields),
            "StreamingHistory_podcast_0.json" => (at, fields) => AccountPodcast($"2024-05-01 10:0{at}", fields),
            "StreamingHistory_audiobook_0.json" => (at, fields) => AccountAudiobook($"2024-05-01 10:0{at}", fields),
            _ => (at, fields) => Extended($"2024-05-01T10:0{at}:00Z", fields),
        };
        await using var host = await CoreTestHost.StartAsync(Now);
        var user = await host.AddUserAsync("listener");

        var import = await host.ImportAsync(user.Id,
            (fileName, Array(record("1", []), record("2", []), record("3", [(field, json)]))));

        Assert.Equal(ImportStatus.Failed, import.Status);
        Assert.Equal(
            $"{fileName}: record 3 {problem} Download the export again from Spotify and upload the original file.",
            import.Error);
        await using var db = await host.DbAsync();
        Assert.Equal(0, await db.Plays.CountAsync());
        Assert.Equal(0, await db.Tracks.CountAsync() + await db.Episodes.CountAsync() + await db.Artists.CountAsync());
    }

    private static Dictionary<string, int> Reasons(Dashboard.Core.Imports.Import import) =>
        JsonSerializer.Deserialize<Dictionary<string, int>>(import.SkippedReasons ?? "{}")!;
}
