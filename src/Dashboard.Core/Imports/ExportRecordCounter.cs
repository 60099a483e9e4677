namespace Dashboard.Core.Imports;

/// <summary>
/// Counts the records of a streaming-history file in one fast pass, checking that it is whole, well-formed
/// JSON. Runs when a file is uploaded, so the import knows its total and a truncated or broken file is
/// refused before the database is touched.
/// </summary>
internal static class ExportRecordCounter
{
    public static async Task<int> CountAsync(Stream stream, string fileName, CancellationToken cancellationToken)
    {
        using var json = new JsonArrayStream(stream, fileName);
        while (await json.ReadChunkAsync(static (_, _) => { }, cancellationToken))
        {
        }
        return json.Count;
    }
}
