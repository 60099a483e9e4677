using System.Threading.Channels;
using Dashboard.Core.Listening;

namespace Dashboard.Core.Imports;

/// <summary>
/// Records on their way from the parser (on its own thread) to the writer, with the file they came from.
/// </summary>
internal sealed record RecordBatch(List<(ReadRecord Record, PlaySource Source)> Records, string File)
{
    // Records per batch from the parser to the writer, and batches the parser may run ahead of it. Small on purpose:
    // a record waiting in the channel lives through collections, so Server GC promotes it and the heap grows by all
    // that waits. A million plays took 150 MB of GC heap with 4 batches of 4,096 waiting, 75 MB with 2 of 1,024.
    private const int BatchSize = 1_024;
    private const int BatchesAhead = 2;

    /// <summary>The bounded channel between the two: it keeps memory flat.</summary>
    public static Channel<RecordBatch> Channel() =>
        System.Threading.Channels.Channel.CreateBounded<RecordBatch>(
            new BoundedChannelOptions(BatchesAhead) { SingleReader = true, SingleWriter = true });

    /// <summary>
    /// Reads every file in turn and hands its records over in batches; an error ends the channel with it.
    /// </summary>
    public static async Task ReadAllAsync(List<ExportSource> files, DateTime latestExclusive,
        ChannelWriter<RecordBatch> output,
        CancellationToken cancellationToken)
    {
        try
        {
            foreach (var file in files)
            {
                var source = file.Kind is ExportFileKind.ExtendedAudio or ExportFileKind.ExtendedVideo
                    ? PlaySource.ExtendedHistory
                    : PlaySource.AccountData;
                await using var stream = file.Open();
                var batch = new List<(ReadRecord, PlaySource)>(BatchSize);
                await foreach (
                    var record in ExportReader.ReadAsync(stream, file.Kind, file.Name, latestExclusive,
                        cancellationToken))
                {
                    batch.Add((record, source));
                    if (batch.Count == BatchSize)
                    {
                        await output.WriteAsync(new RecordBatch(batch, file.Name), cancellationToken);
                        batch = new List<(ReadRecord, PlaySource)>(BatchSize);
                    }
                }
                await output.WriteAsync(new RecordBatch(batch, file.Name), cancellationToken);
            }
            output.Complete();
        }
        catch (Exception e)
        {
            output.Complete(e);
        }
    }
}
