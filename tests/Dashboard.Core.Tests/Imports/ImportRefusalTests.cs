using System.Text.Json;
using Dashboard.Core.Imports;
using Dashboard.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Dashboard.Core.Tests.Support.ImportHelpers;

namespace Dashboard.Core.Tests.Imports;

/// <summary>
/// Bad uploads: each gets a message that names the file and says what to do, and the database and the
/// upload folder are left exactly as they were.
/// </summary>
public sealed class ImportRefusalTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    private static readonly byte[] GoodFile = JsonArray(
        ExtendedRecord("2024-05-01T10:03:17Z", "1111111111111111111111", "Alpha Song", "Alpha", 180_000),
        ExtendedRecord("2024-05-01T10:06:40Z", "2222222222222222222222", "Beta Song", "Beta", 200_000));

    [Fact]
    public async Task A_file_that_is_not_JSON_is_refused()
    {
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13 };

        var message = await RefusedAsync(("Streaming_History_Audio_2024.json", png));

        Assert.Equal(
            "Streaming_History_Audio_2024.json is not valid JSON. Download the export again from Spotify and upload " +
            "the original file.", message);
    }

    [Fact]
    public async Task A_JSON_file_that_is_not_streaming_history_is_refused_and_named()
    {
        var message = await RefusedAsync(("Userdata.json", Utf8("""{"username":"listener","country":"DE"}""")));

        Assert.StartsWith("No streaming history was found in the upload.", message);
        Assert.Contains("Ignored: Userdata.json (a JSON object, not a list of plays)", message);
    }

    [Fact]
    public async Task A_truncated_file_is_refused_before_anything_is_written()
    {
        var bytes = await File.ReadAllBytesAsync(Samples.ExtendedAudio);

        var message = await RefusedAsync(("Streaming_History_Audio_2024_4.json", bytes[..(bytes.Length * 2 / 3)]));

        Assert.StartsWith("Streaming_History_Audio_2024_4.json ends in the middle of the data after", message);
        Assert.Contains("truncated", message);
    }

    [Fact]
    public async Task An_empty_file_is_refused()
    {
        var message = await RefusedAsync(("Streaming_History_Audio_2024.json", []));

        Assert.Equal("Streaming_History_Audio_2024.json is empty. Download the export again from Spotify.", message);
    }

    [Fact]
    public async Task An_empty_list_of_plays_alone_is_refused()
    {
        var message = await RefusedAsync(("Streaming_History_Audio_2024.json", Utf8("[]")));

        Assert.Contains("Ignored: Streaming_History_Audio_2024.json (an empty list of plays)", message);
    }

    [Fact]
    public async Task A_file_with_a_byte_order_mark_imports()
    {
        await using var host = await CoreTestHost.StartAsync(Now);
        var user = await host.AddUserAsync("listener");

        var import = await host.ImportAsync(user.Id,
            ("Streaming_History_Audio_2024.json", [0xEF, 0xBB, 0xBF, .. GoodFile]));

        Assert.Equal(ImportStatus.Completed, import.Status);
        Assert.Equal(2, import.Inserted);
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_fails_the_import_at_that_record_and_keeps_nothing()
    {
        // The bad record comes after a whole sample file, so thousands of rows were written before it.
        var sample = await File.ReadAllTextAsync(Samples.ExtendedAudio);
        var bad = sample.TrimEnd().TrimEnd(']') + ",\n"
            + ExtendedRecord("2024-12-31T23:59:59Z", "3333333333333333333333", "Late", "Gamma", 1000)
            .Replace("\"ms_played\":1000", "\"ms_played\":\"a thousand\"") + "]";
        await using var host = await CoreTestHost.StartAsync(Now);
        var user = await host.AddUserAsync("listener");

        var import = await host.ImportAsync(user.Id, ("Streaming_History_Audio_2024_4.json", Utf8(bad)));

        Assert.Equal(ImportStatus.Failed, import.Status);
        Assert.Equal(
            "Streaming_History_Audio_2024_4.json: record 3,329 (field ms_played) has a value of the wrong type " +
                     "(text where Spotify writes a number). Download the export again from Spotify and upload the " +
                     "original file.", import.Error);
        Assert.Equal(0, import.Inserted);
        await using var db = await host.DbAsync();
        Assert.Equal(0, await db.Plays.CountAsync());
        Assert.Equal(0, await db.Tracks.CountAsync());
        Assert.Equal(0, await db.Artists.CountAsync());
        Assert.Empty(Directory.EnumerateFileSystemEntries(host.ImportsFolder));
    }

    [Fact]
    public async Task A_syntax_error_names_the_record_it_is_in_not_the_first_of_its_chunk()
    {
        // Record 2,993 of the sample lies some 2 MB into the file, far from the start of the megabyte it is read in.
        // The colon after its "ms_played" is taken out.
        using var document = JsonDocument.Parse(await File.ReadAllBytesAsync(Samples.ExtendedAudio));
        var records = document.RootElement.EnumerateArray().Select(r => r.GetRawText()).ToList();
        records[2_992] = records[2_992].Replace("\"ms_played\":", "\"ms_played\"", StringComparison.Ordinal);
        await using var host = await CoreTestHost.StartAsync(Now);
        var user = await host.AddUserAsync("listener");

        var refusal = await Assert.ThrowsAsync<ImportFileException>(() =>
            host.UploadAsync(user.Id, ("Streaming_History_Audio_2024_4.json", JsonArray([.. records]))));

        Assert.Equal("Streaming_History_Audio_2024_4.json: record 2,993 is not valid JSON. " +
                     "Download the export again from Spotify and upload the original file.", refusal.Message);
    }

    [Fact]
    public async Task An_upload_over_the_limit_is_refused()
    {
        var message =
            await RefusedAsync(
                new Dictionary<string, string?> { ["Import:MaxUploadBytes"] = $"{GoodFile.Length + 100}" },
            ("Streaming_History_Audio_2024.json", GoodFile), ("Streaming_History_Audio_2025.json", GoodFile));

        Assert.StartsWith("The upload is larger than the limit of ", message);
        Assert.Contains("(Streaming_History_Audio_2025.json). Nothing was kept. Upload the files in several imports",
            message);
    }

    [Fact]
    public async Task A_zip_without_streaming_history_says_what_it_ignored()
    {
        var zip = Zip(("MyData/ReadMeFirst.pdf", Utf8("%PDF-1.4")),
            ("MyData/Userdata.json", Utf8("""{"username":"x"}""")));

        var message = await RefusedAsync(("my_spotify_data.zip", zip));

        Assert.Contains("Ignored: my_spotify_data.zip/MyData/ReadMeFirst.pdf (not a JSON file); " +
                        "my_spotify_data.zip/MyData/Userdata.json (a JSON object, not a list of plays)", message);
    }

    [Fact]
    public async Task A_zip_with_too_many_entries_is_refused()
    {
        var zip = Zip(Enumerable.Range(0, 11).Select(i => ($"f{i}.json", GoodFile)).ToArray());

        var message = await RefusedAsync(new Dictionary<string, string?> { ["Import:MaxZipEntries"] = "10" },
            ("export.zip", zip));

        Assert.Equal("export.zip holds more than the 10 files a Spotify export can have. Nothing was imported.",
            message);
    }

    [Fact]
    public async Task A_zip_that_unpacks_past_the_limit_is_refused()
    {
        var zip = Zip(("a.json", GoodFile), ("b.json", GoodFile), ("c.json", GoodFile));

        var message =
            await RefusedAsync(
                new Dictionary<string, string?> { ["Import:MaxUnpackedBytes"] = $"{GoodFile.Length * 2}" },
                ("export.zip", zip));

        Assert.StartsWith("export.zip unpacks to more than", message);
    }

    [Fact]
    public async Task A_zip_bomb_entry_is_refused_by_its_compression_ratio()
    {
        var bomb = Utf8("[" + new string(' ', 20 * 1024 * 1024) + "]");

        var message = await RefusedAsync(("export.zip", Zip(("Streaming_History_Audio_2024.json", bomb))));

        Assert.Matches(
            @"^export\.zip: Streaming_History_Audio_2024\.json is compressed \d+:1, " +
            @"which only a zip bomb does\. Nothing was imported\.$", message);
    }

    [Fact]
    public async Task A_zip_entry_that_leaves_its_folder_is_refused()
    {
        var zip = Zip(("Spotify Extended Streaming History/../../../etc/evil.json", GoodFile));

        var message = await RefusedAsync(("export.zip", zip));

        Assert.Equal("export.zip contains an entry whose path leaves the archive's folder " +
                     "(Spotify Extended Streaming History/../../../etc/evil.json). This is not a Spotify export; " +
                     "nothing was imported.", message);
    }

    [Fact]
    public async Task A_zip_as_downloaded_imports_its_history_and_lists_what_it_ignored()
    {
        await using var host = await CoreTestHost.StartAsync(Now);
        var user = await host.AddUserAsync("listener");
        var zip = Zip(
            ("Spotify Extended Streaming History/ReadMeFirst_ExtendedStreamingHistory.pdf", Utf8("%PDF-1.4")),
            ("Spotify Extended Streaming History/Streaming_History_Audio_2024.json", GoodFile),
            ("Spotify Extended Streaming History/Streaming_History_Video_2024.json", Utf8("[]")));

        var import = await host.ImportAsync(user.Id, ("my_spotify_data.zip", zip));

        Assert.Equal(ImportStatus.Completed, import.Status);
        Assert.Equal(2, import.RecordsTotal);
        Assert.Equal(2, import.Inserted);
        Assert.Equal(
            "my_spotify_data.zip/Spotify Extended Streaming History/ReadMeFirst_ExtendedStreamingHistory.pdf (not a " +
            "JSON file)\n" +
            "my_spotify_data.zip/Spotify Extended Streaming History/Streaming_History_Video_2024.json (an empty list " +
            "of plays)",
            import.IgnoredFiles);
    }

    private static Task<string> RefusedAsync(params (string Name, byte[] Content)[] files) => RefusedAsync(null, files);

    /// <summary>Uploads the files, expects a refusal, and checks that nothing at all was kept.</summary>
    private static async Task<string> RefusedAsync(IDictionary<string, string?>? settings,
        params (string Name, byte[] Content)[] files)
    {
        await using var host = await CoreTestHost.StartAsync(Now, settings);
        var user = await host.AddUserAsync("listener");

        var refusal = await Assert.ThrowsAnyAsync<ImportFileException>(() => host.UploadAsync(user.Id, files));

        await using var db = await host.DbAsync();
        Assert.Equal(0, await db.Imports.CountAsync());
        Assert.Equal(0, await db.Plays.CountAsync());
        Assert.Empty(Directory.EnumerateFileSystemEntries(host.ImportsFolder));
        return refusal.Message;
    }
}
