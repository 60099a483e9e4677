namespace Dashboard.Core.Imports;

/// <summary>
/// Counts the records of a streaming-history file in one fast pass, checking that it is whole, well-formed
/// JSON. Runs when a file is uploaded, so the import knows its total and a truncated or broken file is
/// refused before the database is touched.
/// </summary>
internal static class ExportRecordCounter
{
    /// <summary>The records of every streaming-history file of the upload, zips opened.</summary>
    public static async Task<int> CountAsync(IReadOnlyList<UploadedFile> uploads, ZipLimits limits,
        CancellationToken cancellationToken)
    {
        using var sources = ExportSources.Open(uploads, limits);
        var total = 0;
        foreach (var file in sources.Files)
        {
            await using var stream = file.Open();
            total += await CountAsync(stream, file.Name, cancellationToken);
        }
        return total;
    }

    public static async Task<int> CountAsync(Stream stream, string fileName, CancellationToken cancellationToken)
    {
        using var json = new JsonArrayStream(stream, fileName);
        while (await json.ReadChunkAsync(static (_, _) => { }, cancellationToken))
        {
        }
        return json.Count;
    }
}
