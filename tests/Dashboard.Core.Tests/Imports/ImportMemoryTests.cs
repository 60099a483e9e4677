using System.IO.Compression;
using System.Text;
using Dashboard.Core.Imports;
using Dashboard.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Dashboard.Core.Tests.Imports.ExportJson;

namespace Dashboard.Core.Tests.Imports;

/// <summary>Tests that count the bytes the process allocates, so they run alone, after the others.</summary>
[CollectionDefinition(nameof(MeasuresAllocations), DisableParallelization = true)]
public sealed class MeasuresAllocations;

/// <summary>
/// Memory stays bounded whatever the upload: an upload is read a record and a chunk at a time, and a zip's list of
/// entries is counted before anything is built from it. Measured as the bytes allocated while the upload is taken.
/// </summary>
[Collection(nameof(MeasuresAllocations))]
public sealed class ImportMemoryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Far below what the reader allocated when it grew its buffer to hold whitespace (127 MB for 64 MB of it).
    /// </summary>
    private const long AllocationBound = 16 * 1024 * 1024;

    [Fact]
    public async Task Whitespace_after_a_comma_is_dropped_as_it_is_read_and_both_records_import()
    {
        await using var host = await CoreTestHost.StartAsync(Now);
        var user = await host.AddUserAsync("listener");
        var upload = new PaddedStream(
            "[" + Extended("2024-05-01T10:00:00Z") + ",", 64 * 1024 * 1024, Extended("2024-05-01T10:05:00Z") + "]");
        var service = host.Get<ImportService>();

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var import = await service.CreateAsync(user.Id, Incoming("Streaming_History_Audio_2024.json", upload),
            CancellationToken.None);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        await service.RunAsync(import.Id, CancellationToken.None);

        Assert.InRange(allocated, 0, AllocationBound);
        Assert.Equal(2, import.RecordsTotal);
        await using var db = await host.DbAsync();
        Assert.Equal(2, await db.Plays.CountAsync());
    }

    [Fact]
    public async Task A_record_larger_than_1_MB_is_refused_naming_it()
    {
        await using var host = await CoreTestHost.StartAsync(Now);
        var user = await host.AddUserAsync("listener");
        var file = Array(Extended("2024-05-01T10:00:00Z"),
            Extended("2024-05-01T10:05:00Z", ("notes", Text(1024 * 1024))));

        var refusal = await Assert.ThrowsAsync<ImportFileException>(() =>
            host.UploadAsync(user.Id, ("Streaming_History_Audio_2024.json", file)));

        Assert.Equal(
            "Streaming_History_Audio_2024.json: record 2 is larger than 1 MB, " +
            "far larger than any play Spotify writes. " +
                     "Download the export again from Spotify and upload the original file.", refusal.Message);
        await using var db = await host.DbAsync();
        Assert.Equal(0, await db.Imports.CountAsync());
    }

    [Fact]
    public async Task A_zip_listing_more_entries_than_the_limit_is_refused_before_its_list_is_read_into_memory()
    {
        await using var host = await CoreTestHost.StartAsync(Now);
        var user = await host.AddUserAsync("listener");
        var zip = EmptyEntries(200_000);
        var service = host.Get<ImportService>();

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var refusal = await Assert.ThrowsAsync<ImportFileException>(() =>
            service.CreateAsync(user.Id, Incoming("export.zip", new MemoryStream(zip)), CancellationToken.None));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.InRange(allocated, 0, AllocationBound);
        Assert.Equal("export.zip holds more than the 5,000 files a Spotify export can have. Nothing was imported.",
            refusal.Message);
    }

    private static IAsyncEnumerable<IncomingFile> Incoming(string name, Stream content) =>
        new[] { new IncomingFile(name, content) }.ToAsyncEnumerable();

    private static byte[] EmptyEntries(int count)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            for (var i = 0; i < count; i++)
            {
                zip.CreateEntry($"{i:D6}.json", CompressionLevel.NoCompression);
            }
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// A prefix, then <c>spaces</c> spaces made up as they are read (never held in memory), then a suffix.
    /// </summary>
    private sealed class PaddedStream(string prefix, long spaces, string suffix) : Stream
    {
        private readonly byte[] _prefix = Encoding.UTF8.GetBytes(prefix);
        private readonly byte[] _suffix = Encoding.UTF8.GetBytes(suffix);
        private long _position;

        public override long Length => _prefix.Length + spaces + _suffix.Length;

        public override int Read(byte[] buffer, int offset, int count)
        {
            var written = 0;
            while (written < count && _position < Length)
            {
                buffer[offset + written] = _position < _prefix.Length ? _prefix[_position]
                    : _position < _prefix.Length + spaces ? (byte)' '
                    : _suffix[_position - _prefix.Length - spaces];
                written++;
                _position++;
            }
            return written;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
