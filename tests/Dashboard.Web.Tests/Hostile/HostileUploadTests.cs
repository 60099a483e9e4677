using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using static Dashboard.Web.Tests.Hostile.HostileUploadFiles;

namespace Dashboard.Web.Tests.Hostile;

/// <summary>
/// Bad uploads sent through the real upload endpoint, each as a user of its own. A refused upload gets its exact
/// message and changes no row of the user's or of the shared catalogue; a skipped record gets its exact reason and
/// count; after every case the app still answers.
/// </summary>
[RunsLong]
public sealed class HostileUploadTests(HostileUploadApp app) : IClassFixture<HostileUploadApp>
{
    private const string Again = "Download the export again from Spotify and upload the original file.";

    private const string NoHistory = "No streaming history was found in the upload. Upload the zip Spotify sent you " +
                                     "(my_spotify_data.zip) or its Streaming_History_*.json, " +
                                     "endsong_*.json or StreamingHistory*.json files.";

    private static HostileUpload File(byte[] content, string name = ExtendedName) => new(name, content);

    // Finding 1: memory from a small upload.

    [Fact]
    public async Task Whitespace_after_a_comma_is_dropped_and_both_plays_import()
    {
        var zip = WhitespaceZip(30 * 1024 * 1024);
        var (length, compressed) = EntrySize(zip, ExtendedName);
        Assert.InRange(length / compressed, 150, 249);

        var job = await ImportedAsync(File(zip, "my_spotify_data.zip"));

        Assert.Equal((2, 0), (job.GetProperty("inserted").GetInt32(), job.GetProperty("skipped").GetInt32()));
    }

    [Fact]
    public async Task A_record_over_1_MB_is_refused_naming_it()
    {
        var file = Array(Extended("2024-05-01T10:00:00Z"),
            Extended("2024-05-01T10:05:00Z", ("notes", Text(new string('x', 1_100_000)))));

        Assert.Equal($"{ExtendedName}: record 2 is larger than 1 MB, far larger than any play Spotify writes. {Again}",
            await RefusedAsync(File(file)));
    }

    [Fact]
    public async Task A_ten_megabyte_track_name_is_refused_as_a_record_over_1_MB()
    {
        var file = Array(Extended("2024-05-01T10:00:00Z"),
            Extended("2024-05-01T10:05:00Z", ("master_metadata_track_name", Text(new string('n', 10 * 1024 * 1024)))));

        Assert.Equal($"{ExtendedName}: record 2 is larger than 1 MB, far larger than any play Spotify writes. {Again}",
            await RefusedAsync(File(file)));
    }

    [Fact]
    public async Task Whitespace_inside_a_record_counts_toward_its_size()
    {
        var padded = "{" + new string(' ', 2 * 1024 * 1024) + Extended("2024-05-01T10:05:00Z")[1..];

        Assert.Equal($"{ExtendedName}: record 2 is larger than 1 MB, far larger than any play Spotify writes. {Again}",
            await RefusedAsync(File(Array(Extended("2024-05-01T10:00:00Z"), padded))));
    }

    // Finding 2: plausible records only.

    [Fact]
    public async Task A_play_at_the_first_second_of_2006_is_kept_and_one_a_second_earlier_skipped()
    {
        var job = await ImportedAsync(File(Array(Extended("2006-01-01T00:00:00Z"), Extended("2005-12-31T23:59:59Z"))));

        AssertSkipped(job, inserted: 1, ("a time of play before 2006-01-01", 1));
    }

    [Fact]
    public async Task A_play_at_the_last_second_of_tomorrow_is_kept_and_one_a_second_later_skipped()
    {
        var job = await app.OnOneDayAsync(today => ImportedAsync(File(Array(
            Extended(today.AddDays(2).AddSeconds(-1).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)),
            Extended(today.AddDays(2).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture))))));

        AssertSkipped(job, inserted: 1, ("a time of play after tomorrow", 1));
    }

    [Fact]
    public async Task Account_data_at_and_beyond_both_date_limits()
    {
        var job = await app.OnOneDayAsync(today => ImportedAsync(File(Array(
            AccountMusic("2005-12-31 23:59"), AccountMusic("2006-01-01 00:00"),
            AccountMusic(today.AddDays(1).ToString("yyyy-MM-dd 23:59", CultureInfo.InvariantCulture)),
            AccountMusic(today.AddDays(2).ToString("yyyy-MM-dd 00:00", CultureInfo.InvariantCulture))),
            "StreamingHistory_music_0.json")));

        AssertSkipped(job, inserted: 2, ("a time of play before 2006-01-01", 1), ("a time of play after tomorrow", 1));
    }

    [Fact]
    public async Task A_play_in_the_year_9999_is_skipped_as_after_tomorrow()
    {
        var job = await ImportedAsync(File(Array(Extended("2024-05-01T10:00:00Z"), Extended("9999-12-31T23:59:59Z"))));

        AssertSkipped(job, inserted: 1, ("a time of play after tomorrow", 1));
    }

    [Theory]
    [InlineData("86400001", "a duration over 24 hours")]
    [InlineData("1000000000000000", "a duration over 24 hours")]
    [InlineData("99999999999999999999999999", "a duration over 24 hours")]
    [InlineData("1e400", "a duration over 24 hours")]
    [InlineData("-1", "a negative duration")]
    [InlineData("-99999999999999999999", "a negative duration")]
    public async Task A_duration_out_of_bounds_is_skipped_with_its_reason(string msPlayed, string reason)
    {
        var job =
            await ImportedAsync(
                File(Array(Extended("2024-05-01T10:00:00Z"),
                    Extended("2024-05-01T10:05:00Z", ("ms_played", msPlayed)))));

        AssertSkipped(job, inserted: 1, (reason, 1));
    }

    [Fact]
    public async Task A_duration_of_exactly_24_hours_is_kept()
    {
        var job = await ImportedAsync(File(Array(Extended("2024-05-01T10:00:00Z", ("ms_played", "86400000")))));

        AssertSkipped(job, inserted: 1);
    }

    [Theory]
    [InlineData("0.5")]
    [InlineData("-0.5")]
    [InlineData("180000.25")]
    public async Task A_fractional_duration_refuses_the_file(string msPlayed)
    {
        var file = Array(Extended("2024-05-01T10:00:00Z"), Extended("2024-05-01T10:05:00Z", ("ms_played", msPlayed)));

        Assert.Equal(
            $"{ExtendedName}: record 2 (field ms_played) has a value that cannot be read: " +
            $"Spotify writes a whole number. {Again}",
            await FailedAsync(File(file)));
    }

    [Theory]
    [InlineData(ExtendedName, "master_metadata_track_name", 1_000)]
    [InlineData(ExtendedName, "master_metadata_album_artist_name", 1_000)]
    [InlineData(ExtendedName, "master_metadata_album_album_name", 1_000)]
    [InlineData(ExtendedName, "platform", 500)]
    [InlineData(ExtendedName, "conn_country", 16)]
    [InlineData(ExtendedName, "reason_start", 100)]
    [InlineData(ExtendedName, "reason_end", 100)]
    [InlineData(ExtendedName, "spotify_track_uri", 200)]
    [InlineData("StreamingHistory_music_0.json", "trackName", 1_000)]
    [InlineData("StreamingHistory_music_0.json", "artistName", 1_000)]
    [InlineData("StreamingHistory_podcast_0.json", "podcastName", 1_000)]
    [InlineData("StreamingHistory_podcast_0.json", "episodeName", 1_000)]
    [InlineData("StreamingHistory_audiobook_0.json", "audiobookName", 1_000)]
    [InlineData("StreamingHistory_audiobook_0.json", "chapterName", 1_000)]
    [InlineData("StreamingHistory_audiobook_0.json", "authorName", 1_000)]
    public async Task Text_longer_than_its_bound_is_skipped_naming_the_field(string fileName, string field, int bound)
    {
        var record = RecordOf(fileName);
        var file = Array(record(1, [(field, Text(new string('n', bound)))]),
            record(2, [(field, Text(new string('n', bound + 1)))]));

        var job = await ImportedAsync(File(file, fileName));

        AssertSkipped(job, inserted: 1, ($"{field} over {bound:N0} characters", 1));
    }

    [Fact]
    public async Task A_name_holding_a_NUL_character_is_skipped()
    {
        var file = Array(Extended("2024-05-01T10:00:00Z"),
            Extended("2024-05-01T10:05:00Z", ("master_metadata_track_name", Text("Nul\0Song"))));

        AssertSkipped(await ImportedAsync(File(file)), inserted: 1,
            ("a NUL character in master_metadata_track_name", 1));
    }

    // Finding 3: one policy for a field of the wrong type.

    [Theory]
    [InlineData(ExtendedName, "ts", "1714557797", "a number", "text")]
    [InlineData(ExtendedName, "ms_played", "\"180000\"", "text", "a number")]
    [InlineData(ExtendedName, "platform", "7", "a number", "text")]
    [InlineData(ExtendedName, "conn_country", "true", "true or false", "text")]
    [InlineData(ExtendedName, "master_metadata_track_name", "[\"Song\"]", "a list", "text")]
    [InlineData(ExtendedName, "master_metadata_album_artist_name", "{\"name\":\"Artist\"}", "an object", "text")]
    [InlineData(ExtendedName, "master_metadata_album_album_name", "3", "a number", "text")]
    [InlineData(ExtendedName, "spotify_track_uri", "5", "a number", "text")]
    [InlineData(ExtendedName, "reason_start", "1", "a number", "text")]
    [InlineData(ExtendedName, "reason_end", "[]", "a list", "text")]
    [InlineData(ExtendedName, "shuffle", "\"no\"", "text", "true or false")]
    [InlineData(ExtendedName, "skipped", "0", "a number", "true or false")]
    [InlineData(ExtendedName, "offline", "\"false\"", "text", "true or false")]
    [InlineData(ExtendedName, "incognito_mode", "1", "a number", "true or false")]
    [InlineData(ExtendedName, "offline_timestamp", "\"0\"", "text", "a number")]
    [InlineData("StreamingHistory_music_0.json", "endTime", "202405011003", "a number", "text")]
    [InlineData("StreamingHistory_music_0.json", "msPlayed", "\"1\"", "text", "a number")]
    [InlineData("StreamingHistory_music_0.json", "trackName", "1", "a number", "text")]
    [InlineData("StreamingHistory_music_0.json", "artistName", "true", "true or false", "text")]
    [InlineData("StreamingHistory_podcast_0.json", "podcastName", "[]", "a list", "text")]
    [InlineData("StreamingHistory_podcast_0.json", "episodeName", "{}", "an object", "text")]
    [InlineData("StreamingHistory_audiobook_0.json", "audiobookName", "1", "a number", "text")]
    [InlineData("StreamingHistory_audiobook_0.json", "chapterName", "false", "true or false", "text")]
    [InlineData("StreamingHistory_audiobook_0.json", "authorName", "2", "a number", "text")]
    public async Task A_value_of_the_wrong_type_refuses_the_file_naming_record_and_field(
        string fileName, string field, string json, string found, string expected)
    {
        var record = RecordOf(fileName);

        var error = await FailedAsync(File(Array(record(1, []), record(2, [(field, json)])), fileName));

        Assert.Equal(
            $"{fileName}: record 2 (field {field}) has a value of the wrong type ({found} where Spotify writes " +
            $"{expected}). {Again}", error);
    }

    [Theory]
    [InlineData(ExtendedName, "ts", "\"yesterday\"", "Spotify writes a time like 2024-05-01T10:03:17Z")]
    [InlineData(ExtendedName, "ts", "\"2024-13-45T99:00:00Z\"", "Spotify writes a time like 2024-05-01T10:03:17Z")]
    [InlineData(ExtendedName, "ts", "\"\"", "Spotify writes a time like 2024-05-01T10:03:17Z")]
    [InlineData("StreamingHistory_music_0.json", "endTime", "\"2024-05-01T10:03:00Z\"",
        "Spotify writes a time like 2024-05-01 10:03")]
    [InlineData("StreamingHistory_podcast_0.json", "endTime", "\"\"", "Spotify writes a time like 2024-05-01 10:03")]
    [InlineData("StreamingHistory_audiobook_0.json", "msPlayed", "1.5", "Spotify writes a whole number")]
    public async Task A_value_that_cannot_be_read_refuses_the_file_naming_record_and_field(string fileName,
        string field, string json, string hint)
    {
        var record = RecordOf(fileName);

        var error = await FailedAsync(File(Array(record(1, []), record(2, [(field, json)])), fileName));

        Assert.Equal($"{fileName}: record 2 (field {field}) has a value that cannot be read: {hint}. {Again}", error);
    }

    [Theory]
    [InlineData(ExtendedName, "ts", "null", "no time of play")]
    [InlineData(ExtendedName, "ts", Missing, "no time of play")]
    [InlineData(ExtendedName, "ms_played", "null", "no duration")]
    [InlineData(ExtendedName, "spotify_track_uri", "null",
        "no track, episode or chapter (Spotify left the item empty)")]
    [InlineData("StreamingHistory_music_0.json", "endTime", "null", "no time of play")]
    [InlineData("StreamingHistory_podcast_0.json", "msPlayed", Missing, "no duration")]
    [InlineData("StreamingHistory_audiobook_0.json", "chapterName", "null",
        "no track, episode or chapter (Spotify left the item empty)")]
    public async Task A_missing_or_null_time_duration_or_item_skips_the_record(string fileName, string field,
        string json, string reason)
    {
        var record = RecordOf(fileName);
        (string, string)[] alsoWithoutName = field == "spotify_track_uri"
            ? [(field, json), ("master_metadata_track_name", "null")] : [(field, json)];

        var job = await ImportedAsync(File(Array(record(1, []), record(2, alsoWithoutName)), fileName));

        AssertSkipped(job, inserted: 1, (reason, 1));
    }

    [Fact]
    public async Task A_null_record_is_skipped()
    {
        AssertSkipped(await ImportedAsync(File(Array(Extended("2024-05-01T10:00:00Z"), "null"))), inserted: 1,
            ("an empty record (null)", 1));
    }

    // Finding 4: errors name the exact record.

    [Fact]
    public async Task A_syntax_error_deep_in_a_file_names_its_own_record()
    {
        var records = SampleRecords();
        records[2_992] = records[2_992].Replace("\"ms_played\":", "\"ms_played\"", StringComparison.Ordinal);

        Assert.Equal($"Streaming_History_Audio_2024_4.json: record 2,993 is not valid JSON. {Again}",
            await RefusedAsync(File(Array([.. records]), "Streaming_History_Audio_2024_4.json")));
    }

    // Finding 5: any file name a user can send.

    [Theory]
    [InlineData("Streaming_History\nAudio_2024.json", true, "Streaming_History\uFFFDAudio_2024.json")]
    [InlineData("nul\0and\rreturn.json", true, "nul\uFFFDand\uFFFDreturn.json")]
    [InlineData("\u202Enosj.4202_oiduA", true, "\uFFFDnosj.4202_oiduA")]
    [InlineData("Hörverlauf 🎧.json", true, "Hörverlauf 🎧.json")]
    [InlineData("../../etc/passwd.json", false, "passwd.json")]
    [InlineData("C:\\Users\\listener\\Streaming_History_Audio_2024.json", false, "Streaming_History_Audio_2024.json")]
    [InlineData("", false, "unnamed file")]
    [InlineData("   ", false, "unnamed file")]
    public async Task Any_file_name_imports_and_is_shown_as_sent_where_harmless(string name, bool asStar, string shown)
    {
        var job = await ImportedAsync(new HostileUpload(name, TwoPlays, asStar));

        Assert.Equal(2, job.GetProperty("inserted").GetInt32());
        Assert.Equal([shown], job.GetProperty("files").EnumerateArray().Select(f => f.GetString()));
    }

    [Fact]
    public async Task A_very_long_file_name_is_cut_short()
    {
        var job = await ImportedAsync(File(TwoPlays, new string('n', 5_000) + ".json"));

        Assert.Equal([new string('n', 254) + "…"],
            job.GetProperty("files").EnumerateArray().Select(f => f.GetString()));
    }

    [Fact]
    public async Task A_refusal_names_the_file_as_it_is_kept()
    {
        Assert.Equal($"bad\uFFFD\uFFFD.json is not valid JSON. {Again}",
            await RefusedAsync(new HostileUpload("bad\r\n.json", Utf8("[{\"ts\":"), true)));
    }

    [Fact]
    public async Task Zip_entries_with_control_characters_are_listed_safely()
    {
        var zip = Zip(("notes\n\u0007.txt", Utf8("hello")), (ExtendedName, TwoPlays));

        var job = await ImportedAsync(File(zip, "export.zip"));

        Assert.Equal(["export.zip/notes\uFFFD\uFFFD.txt (not a JSON file)"],
            job.GetProperty("ignored_files").EnumerateArray().Select(f => f.GetString()));
    }

    // Broken files.

    public static TheoryData<string, int> Cuts => new()
    {
        { "inside the time of play of record 2,001", 2_000 },
        { "after the comma that follows record 1,000", 1_000 },
        { "in the middle of the duration of record 3,000", 2_999 },
        { "before the closing bracket", 3_328 },
    };

    [Theory]
    [MemberData(nameof(Cuts))]
    public async Task A_truncated_file_is_refused_saying_how_many_records_it_holds(string where, int complete)
    {
        var records = SampleRecords();
        var whole = "[" + string.Join(",\n", records) + "]";
        // Where record number complete + 1 starts: after the bracket and each earlier record with its ",\n".
        var start = 1 + records.Take(complete).Sum(r => r.Length + 2);
        var cut = where switch
        {
            _ when where.StartsWith("inside the time", StringComparison.Ordinal) => start
                + records[complete].IndexOf("\"ts\": \"", StringComparison.Ordinal) + 10,
            _ when where.StartsWith("after the comma", StringComparison.Ordinal) => start - 1,
            _ when where.StartsWith("in the middle", StringComparison.Ordinal) => start
                + records[complete].IndexOf("\"ms_played\": ", StringComparison.Ordinal) + 15,
            _ => whole.Length - 1,
        };

        var message = await RefusedAsync(File(Utf8(whole[..cut]), "Streaming_History_Audio_2024_4.json"));

        Assert.Equal(
            $"Streaming_History_Audio_2024_4.json ends in the middle of the data after {complete:N0} records: " +
            $"the file looks truncated. {Again}", message);
    }

    [Theory]
    [InlineData("[{0}\n{1},{2}]", 2)]
    [InlineData("[{0},{1} x,{2}]", 3)]
    [InlineData("[{0},{1},]", 3)]
    [InlineData("[{0},{{ts:1}}]", 2)]
    [InlineData("[{0},{{'ts':'2024-05-01T10:00:00Z'}}]", 2)]
    public async Task Broken_JSON_is_refused_naming_the_broken_record(string layout, int broken)
    {
        var text = string.Format(CultureInfo.InvariantCulture, layout,
            Extended("2024-05-01T10:00:00Z"), Extended("2024-05-01T10:05:00Z"), Extended("2024-05-01T10:10:00Z"));

        Assert.Equal($"{ExtendedName}: record {broken} is not valid JSON. {Again}",
            await RefusedAsync(File(Utf8(text))));
    }

    [Fact]
    public async Task Data_after_the_closing_bracket_is_refused()
    {
        var text = "[" + Extended("2024-05-01T10:00:00Z") + "," + Extended("2024-05-01T10:05:00Z") + "]  {\"more\":1}";

        Assert.Equal(
            $"{ExtendedName} goes on after the end of its list of plays (after 2 records), " +
            $"which a Spotify export never does. {Again}",
            await RefusedAsync(File(Utf8(text))));
    }

    [Fact]
    public async Task A_file_cut_inside_its_first_record_is_not_valid_JSON()
    {
        Assert.Equal($"{ExtendedName} is not valid JSON. {Again}", await RefusedAsync(File(Utf8("[{\"ts\":\"2024"))));
    }

    [Fact]
    public async Task A_byte_order_mark_is_read_past()
    {
        AssertSkipped(await ImportedAsync(File([0xEF, 0xBB, 0xBF, .. TwoPlays])), inserted: 2);
    }

    [Fact]
    public async Task Two_byte_order_marks_are_not_valid_JSON()
    {
        Assert.Equal($"{ExtendedName} is not valid JSON. {Again}",
            await RefusedAsync(File([0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, .. TwoPlays])));
    }

    [Fact]
    public async Task A_UTF16_file_is_not_valid_JSON()
    {
        var utf16 = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(TwoPlays)))
            .ToArray();

        Assert.Equal($"{ExtendedName} is not valid JSON. {Again}", await RefusedAsync(File(utf16)));
    }

    [Fact]
    public async Task A_JSON_object_instead_of_a_list_is_refused()
    {
        Assert.Equal($"{NoHistory} Ignored: {ExtendedName} (a JSON object, not a list of plays).",
            await RefusedAsync(File(Utf8(Extended("2024-05-01T10:00:00Z")))));
    }

    [Fact]
    public async Task A_list_of_lists_is_refused()
    {
        Assert.Equal($"{NoHistory} Ignored: {ExtendedName} (a JSON list of something other than plays).",
            await RefusedAsync(File(Utf8("[" + Encoding.UTF8.GetString(TwoPlays) + "]"))));
    }

    [Theory]
    [InlineData("[{\"ts\":\"2024-05-01T10:05:00Z\"}]")]
    [InlineData("42")]
    [InlineData("\"a play\"")]
    public async Task A_record_that_is_not_an_object_refuses_the_file(string second)
    {
        Assert.Equal($"{ExtendedName}: record 2 is not a play record. {Again}",
            await FailedAsync(File(Utf8("[" + Extended("2024-05-01T10:00:00Z") + "," + second + "]"))));
    }

    [Fact]
    public async Task Deeply_nested_JSON_is_refused_naming_the_record()
    {
        var deep = new string('[', 200) + new string(']', 200);
        var file = Array(Extended("2024-05-01T10:00:00Z"), Extended("2024-05-01T10:05:00Z", ("notes", deep)));

        Assert.Equal($"{ExtendedName}: record 2 is nested deeper than any play record. {Again}",
            await RefusedAsync(File(file)));
    }

    [Fact]
    public async Task An_empty_file_is_refused()
    {
        Assert.Equal($"{ExtendedName} is empty. Download the export again from Spotify.", await RefusedAsync(File([])));
    }

    [Fact]
    public async Task A_file_of_whitespace_alone_is_not_valid_JSON()
    {
        Assert.Equal($"{ExtendedName} is not valid JSON. {Again}", await RefusedAsync(File(Utf8("   \n\t  "))));
    }

    [Fact]
    public async Task An_image_named_json_is_not_valid_JSON()
    {
        Assert.Equal($"{ExtendedName} is not valid JSON. {Again}", await RefusedAsync(File(Png)));
    }

    [Fact]
    public async Task An_image_alone_is_refused_as_no_streaming_history()
    {
        Assert.Equal($"{NoHistory} Ignored: cover.png (not a JSON file).", await RefusedAsync(File(Png, "cover.png")));
    }

    [Fact]
    public async Task The_same_file_twice_imports_its_plays_once()
    {
        var job = await ImportedAsync(File(TwoPlays), File(TwoPlays, "Streaming_History_Audio_2024 (1).json"));

        Assert.Equal((2, 2), (job.GetProperty("inserted").GetInt32(), job.GetProperty("duplicates").GetInt32()));
    }

    [Fact]
    public async Task An_upload_over_the_limit_is_refused_with_413()
    {
        var (client, userId) = await app.NewListenerAsync();
        var before = await app.RowsAsync(userId);

        var response = await HostileUploadApp.PostAsync(client,
            File(new byte[HostileUploadApp.MaxUploadBytes + 1], "big.json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("The upload is larger than the limit of 16 MB (big.json). Nothing was kept. " +
                     "Upload the files in several imports, or ask the administrator to raise Import:MaxUploadBytes.",
            (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(before, await app.RowsAsync(userId));
        await HostileUploadApp.AssertStillServingAsync(client);
    }

    // Zips.

    [Fact]
    public async Task A_zip_bomb_is_refused_by_its_compression_ratio()
    {
        var zip = Zip((ExtendedName, Utf8("[" + new string(' ', 20 * 1024 * 1024) + "]")));
        var (length, compressed) = EntrySize(zip, ExtendedName);

        Assert.Equal(
            $"bomb.zip: {ExtendedName} is compressed {length / compressed}:1, which only a zip bomb does. " +
            "Nothing was imported.",
            await RefusedAsync(File(zip, "bomb.zip")));
    }

    [Fact]
    public async Task A_zip_bomb_under_the_ratio_is_refused_by_its_unpacked_size()
    {
        var zip = WhitespaceZip(25 * 1024 * 1024, entries: 3);

        Assert.Equal("bomb.zip unpacks to more than 64 MB, far more than a Spotify export. Nothing was imported.",
            await RefusedAsync(File(zip, "bomb.zip")));
    }

    [Theory]
    [InlineData("../../etc/Streaming_History_Audio_2024.json")]
    [InlineData("/etc/Streaming_History_Audio_2024.json")]
    [InlineData("C:/Windows/Streaming_History_Audio_2024.json")]
    public async Task A_zip_entry_leaving_its_folder_is_refused(string path)
    {
        Assert.Equal(
            $"export.zip contains an entry whose path leaves the archive's folder ({path}). " +
            "This is not a Spotify export; nothing was imported.",
            await RefusedAsync(File(Zip((path, TwoPlays)), "export.zip")));
    }

    [Fact]
    public async Task A_zip_inside_a_zip_is_not_opened()
    {
        var zip = Zip(("inner.zip", Zip((ExtendedName, TwoPlays))));

        Assert.Equal($"{NoHistory} Ignored: outer.zip/inner.zip (a zip inside the zip).",
            await RefusedAsync(File(zip, "outer.zip")));
    }

    [Fact]
    public async Task An_empty_zip_entry_is_refused()
    {
        Assert.Equal($"export.zip/{ExtendedName} is empty. Download the export again from Spotify.",
            await RefusedAsync(File(Zip((ExtendedName, [])), "export.zip")));
    }

    [Fact]
    public async Task A_zip_of_more_entries_than_an_export_has_is_refused()
    {
        var zip = Zip(CompressionLevel.NoCompression,
            Enumerable.Range(0, 5_001).Select(i => ($"{i:D4}.json", System.Array.Empty<byte>())).ToArray());

        Assert.Equal("many.zip holds more than the 5,000 files a Spotify export can have. Nothing was imported.",
            await RefusedAsync(File(zip, "many.zip")));
    }

    [Fact]
    public async Task A_zip_entry_that_holds_more_than_it_declares_is_read_no_further_and_refused()
    {
        // Unpacking stops at the declared size, so the rest of the file is never read, and what was is cut short.
        var zip = ZipLyingAboutSize(ExtendedName, TwoPlays, declared: 100);

        Assert.Equal($"export.zip/{ExtendedName} is not valid JSON. {Again}",
            await RefusedAsync(File(zip, "export.zip")));
    }

    [Fact]
    public async Task A_zip_entry_that_unpacks_to_less_than_it_declares_is_refused()
    {
        var zip = ZipLyingAboutSize(ExtendedName, TwoPlays, declared: (uint)TwoPlays.Length + 1_000);

        Assert.Equal(
            $"export.zip/{ExtendedName} unpacks to less than its declared size; the zip is damaged or hostile. " +
            "Nothing was imported.",
            await RefusedAsync(File(zip, "export.zip")));
    }

    [Fact]
    public async Task A_zip_with_damaged_data_is_refused()
    {
        Assert.Equal(
            $"export.zip/{ExtendedName} cannot be unpacked: the zip is damaged. Download it again from Spotify. " +
            "Nothing was imported.",
            await RefusedAsync(File(ZipWithDamagedData(ExtendedName, TwoPlays), "export.zip")));
    }

    [Fact]
    public async Task A_file_that_only_starts_like_a_zip_is_refused()
    {
        Assert.Equal(
            "export.zip is not a readable zip file: End of Central Directory record could not be found. " +
            "Download it again from Spotify.",
            await RefusedAsync(File([.. "PK\u0003\u0004"u8, .. new byte[100]], "export.zip")));
    }

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];

    /// <summary>A record of the file's format, numbered so that records of one file are distinct plays.</summary>
    private static Func<int, (string, string)[], string> RecordOf(string fileName) => fileName switch
    {
        "StreamingHistory_music_0.json" => (n, fields) => AccountMusic($"2024-05-01 10:0{n}", fields),
        "StreamingHistory_podcast_0.json" => (n, fields) => AccountPodcast($"2024-05-01 10:0{n}", fields),
        "StreamingHistory_audiobook_0.json" => (n, fields) => AccountAudiobook($"2024-05-01 10:0{n}", fields),
        _ => (n, fields) => Extended($"2024-05-01T10:0{n}:00Z", fields),
    };

    private static void AssertSkipped(JsonElement job, int inserted, params (string Reason, int Count)[] reasons)
    {
        // The whole import in the message: a count that differs says more beside the others.
        Assert.True(job.GetProperty("status").GetString() == "completed"
            && job.GetProperty("inserted").GetInt32() == inserted,
            $"Expected a completed import with {inserted} inserted: {job}");
        Assert.Equal(reasons.Sum(r => r.Count), job.GetProperty("skipped").GetInt32());
        Assert.Equal(reasons.ToDictionary(r => r.Reason, r => r.Count),
            job.GetProperty("skipped_reasons").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32()));
    }

    /// <summary>
    /// Uploads, expects 422, and checks that no row changed and the app still answers; the refusal's message.
    /// </summary>
    private async Task<string> RefusedAsync(params HostileUpload[] files)
    {
        var (client, userId) = await app.NewListenerAsync();
        var before = await app.RowsAsync(userId);

        var response = await HostileUploadApp.PostAsync(client, files);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"{(int)response.StatusCode}: {body}");
        Assert.Equal(before, await app.RowsAsync(userId));
        await HostileUploadApp.AssertStillServingAsync(client);
        return JsonDocument.Parse(body).RootElement.GetProperty("detail")[0].GetProperty("msg").GetString()!;
    }

    /// <summary>
    /// Uploads, expects the import to be taken and then to fail, keeping nothing; the import's error.
    /// </summary>
    private async Task<string> FailedAsync(params HostileUpload[] files)
    {
        var (client, userId) = await app.NewListenerAsync();
        var before = await app.RowsAsync(userId);

        var job = await TakenAsync(client, files);

        Assert.Equal("failed", job.GetProperty("status").GetString());
        Assert.Equal((0, 0), (job.GetProperty("inserted").GetInt32(), job.GetProperty("skipped").GetInt32()));
        Assert.Equal(before with { Imports = before.Imports + 1 }, await app.RowsAsync(userId));
        await HostileUploadApp.AssertStillServingAsync(client);
        return job.GetProperty("error").GetString()!;
    }

    /// <summary>Uploads, expects the import to be taken and to complete; the import as the API shows it.</summary>
    private async Task<JsonElement> ImportedAsync(params HostileUpload[] files)
    {
        var (client, _) = await app.NewListenerAsync();
        var job = await TakenAsync(client, files);
        Assert.True(job.GetProperty("status").GetString() == "completed", job.ToString());
        await HostileUploadApp.AssertStillServingAsync(client);
        return job;
    }

    private static async Task<JsonElement> TakenAsync(HttpClient client, HostileUpload[] files)
    {
        var response = await HostileUploadApp.PostAsync(client, files);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {body}");
        return await HostileUploadApp.WaitForEndAsync(client,
            JsonDocument.Parse(body).RootElement.GetProperty("job_id").GetString()!);
    }
}
