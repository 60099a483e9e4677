using System.IO.Compression;
using System.Text;
using Dashboard.Core.Imports;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Support;

/// <summary>Runs imports the way the app does: upload (create), then the job (run).</summary>
public static class ImportHelpers
{
    public static async Task<Import> ImportFilesAsync(this CoreTestHost host, int userId, params string[] paths) =>
        await host.ImportAsync(userId,
            paths.Select(path => (Path.GetFileName(path), File.ReadAllBytes(path))).ToArray());

    public static async Task<Import> ImportAsync(this CoreTestHost host, int userId,
        params (string Name, byte[] Content)[] files)
    {
        var service = host.Get<ImportService>();
        var import = await service.CreateAsync(userId, Incoming(files), CancellationToken.None);
        await service.RunAsync(import.Id, CancellationToken.None);
        await using var db = await host.DbAsync();
        return await db.Imports.AsNoTracking().SingleAsync(i => i.Id == import.Id);
    }

    /// <summary>The upload alone; throws <see cref="ImportFileException"/> when the files are refused.</summary>
    public static Task<Import> UploadAsync(this CoreTestHost host, int userId,
        params (string Name, byte[] Content)[] files) =>
        host.Get<ImportService>().CreateAsync(userId, Incoming(files), CancellationToken.None);

    public static IAsyncEnumerable<IncomingFile> Incoming(params (string Name, byte[] Content)[] files) =>
        files.Select(f => new IncomingFile(f.Name, new MemoryStream(f.Content))).ToAsyncEnumerable();

    public static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                stream.Write(content);
            }
        }
        return buffer.ToArray();
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>An extended-history record as Spotify writes it.</summary>
    public static string ExtendedRecord(string ts, string trackId, string track, string artist, int msPlayed,
        string album = "Album", string platform = "android") => $$"""
        {"ts":"{{ts}}","platform":"{{platform}}","ms_played":{{msPlayed}},"conn_country":"DE","ip_addr":"192.0.2.1",
         "master_metadata_track_name":"{{track}}","master_metadata_album_artist_name":"{{artist}}",
         "master_metadata_album_album_name":"{{album}}","spotify_track_uri":"spotify:track:{{trackId}}",
         "episode_name":null,"episode_show_name":null,"spotify_episode_uri":null,"reason_start":"clickrow",
         "reason_end":"trackdone","shuffle":false,"skipped":false,"offline":false,"offline_timestamp":0,
         "incognito_mode":false}
        """;

    /// <summary>An account-data music record: minute precision, names only.</summary>
    public static string AccountRecord(string endTime, string artist, string track, int msPlayed) =>
        $$"""{"endTime":"{{endTime}}","artistName":"{{artist}}","trackName":"{{track}}","msPlayed":{{msPlayed}}}""";

    public static byte[] JsonArray(params string[] records) => Utf8("[" + string.Join(",\n", records) + "]");
}
