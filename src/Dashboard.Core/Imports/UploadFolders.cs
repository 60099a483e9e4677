using Dashboard.Core.Data;
using Dashboard.Core.Formatting;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Imports;

/// <summary>
/// Where uploads wait for their import: one folder per upload under the data folder's <c>imports/</c>, each file
/// stored under its number (<c>000.upload</c>), never under the name the user sent.
/// </summary>
internal sealed class UploadFolders(DataFolder dataFolder, ILogger logger)
{
    private const string Root = "imports";

    /// <summary>A new, empty folder for one upload.</summary>
    public string Create() => dataFolder.PathOf(Path.Combine(Root, Guid.NewGuid().ToString("N")), isFolder: true);

    /// <summary>Streams the files into <paramref name="folder"/>, counting bytes as they arrive.</summary>
    /// <returns>The files' names as they are kept (<see cref="UploadNames.OfUpload"/>), and their size
    /// together.</returns>
    /// <exception cref="ImportTooLargeException">The files together are larger than
    /// <paramref name="maxBytes"/>.</exception>
    /// <exception cref="ImportFileException">There was no file.</exception>
    public static async Task<(List<string> Names, long TotalBytes)> SaveAsync(IAsyncEnumerable<IncomingFile> files,
        string folder,
        long maxBytes, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        long total = 0;
        var buffer = new byte[81_920];
        await foreach (var file in files.WithCancellation(cancellationToken))
        {
            await using var target = File.Create(StoredPath(folder, names.Count));
            var name = UploadNames.OfUpload(file.Name);
            names.Add(name);
            int read;
            while ((read = await file.Content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += read;
                if (total > maxBytes)
                {
                    throw new ImportTooLargeException(
                        $"The upload is larger than the limit of {Figures.Bytes(maxBytes)} ({name}). " +
                        "Nothing was kept. " +
                        "Upload the files in several imports, " +
                        "or ask the administrator to raise Import:MaxUploadBytes.");
                }
                await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        if (names.Count == 0)
        {
            throw new ImportFileException("Choose at least one file to import.");
        }
        return (names, total);
    }

    /// <summary>The files of an upload, by the names they were saved with, in the order they came.</summary>
    public static List<UploadedFile> Files(string folder, IEnumerable<string> names) =>
        names.Select((name, index) => new UploadedFile(name, StoredPath(folder, index))).ToList();

    /// <summary>
    /// Deletes an upload's folder; a failure is logged, not thrown (the next start deletes what is left).
    /// </summary>
    public bool TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(e, "Could not delete the uploaded files in {Folder}", folder);
            return false;
        }
    }

    /// <summary>
    /// Deletes the upload folders not named in <paramref name="kept"/> (folder names, not paths) whose files were last
    /// written before <paramref name="untouchedSince"/>.
    /// </summary>
    /// <returns>How many were deleted.</returns>
    public int DeleteAllBut(IReadOnlySet<string> kept, DateTime untouchedSince)
    {
        var root = Path.Combine(dataFolder.Path, Root);
        if (!Directory.Exists(root))
        {
            return 0;
        }
        return Directory.EnumerateDirectories(root).ToList()
            .Count(folder => !kept.Contains(Path.GetFileName(folder)) && LastWritten(folder) < untouchedSince
                && TryDelete(folder));
    }

    /// <summary>When anything in the folder was last written: an upload in progress writes all the time.</summary>
    private static DateTime LastWritten(string folder) =>
        Directory.EnumerateFiles(folder).Select(File.GetLastWriteTimeUtc).Append(Directory.GetLastWriteTimeUtc(folder))
            .Max();

    /// <summary>The name of an upload's folder, as <see cref="DeleteAllBut"/> takes it.</summary>
    public static string NameOf(string folder) => Path.GetFileName(Path.TrimEndingDirectorySeparator(folder));

    private static string StoredPath(string folder, int index) => Path.Combine(folder, $"{index:D3}.upload");
}
