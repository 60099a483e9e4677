using Dashboard.Core.Imports;
using Dashboard.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Dashboard.Core.Tests.Imports.ExportJson;

namespace Dashboard.Core.Tests.Imports;

/// <summary>
/// Any name a client can send with a file is safe: the import runs, and the name is shown as sent where that is
/// harmless.
/// </summary>
public sealed class UploadNameTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    private static readonly byte[] TwoPlays = Array(Extended("2024-05-01T10:00:00Z"), Extended("2024-05-01T10:05:00Z"));

    [Fact]
    public async Task Files_with_line_breaks_control_characters_paths_long_or_empty_names_import_under_safe_names()
    {
        await using var host = await CoreTestHost.StartAsync(Now);
        var user = await host.AddUserAsync("listener");
        var longName = new string('n', 300) + ".json";

        var import = await host.ImportAsync(user.Id,
            ("Streaming_History\nAudio_2024.json", TwoPlays),
            ("tab\there\0nul.json", TwoPlays),
            ("C:\\Users\\listener\\Downloads\\Streaming_History_Audio_2024.json", TwoPlays),
            ("../../etc/passwd.json", TwoPlays),
            ("folder/", TwoPlays),
            ("", TwoPlays),
            (longName, TwoPlays),
            ("\u202Enosj.4202_oiduA", TwoPlays),
            ("Hörverlauf 🎧.json", TwoPlays));

        Assert.Equal(ImportStatus.Completed, import.Status);
        Assert.Equal((2, 16), (import.Inserted, import.Duplicates));
        Assert.Equal(
        [
            "Streaming_History\uFFFDAudio_2024.json",
            "tab\uFFFDhere\uFFFDnul.json",
            "Streaming_History_Audio_2024.json",
            "passwd.json",
            "folder",
            "unnamed file",
            new string('n', 254) + "…",
            "\uFFFDnosj.4202_oiduA",
            "Hörverlauf 🎧.json",
        ], (await host.Get<ImportService>().GetAsync(user.Id, import.Id, CancellationToken.None))!.Files);
    }

    [Fact]
    public async Task A_refusal_names_the_file_as_it_is_kept()
    {
        await using var host = await CoreTestHost.StartAsync(Now);
        var user = await host.AddUserAsync("listener");

        var refusal = await Assert.ThrowsAsync<ImportFileException>(() =>
            host.UploadAsync(user.Id, ("broken\r\n.json", "[{\"ts\":"u8.ToArray())));

        Assert.Equal(
            "broken\uFFFD\uFFFD.json is not valid JSON. Download the export again from Spotify and upload the " +
            "original file.",
            refusal.Message);
        await using var db = await host.DbAsync();
        Assert.Equal(0, await db.Imports.CountAsync());
    }
}
