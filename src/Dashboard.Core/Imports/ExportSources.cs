using System.IO.Compression;
using Dashboard.Core.Formatting;

namespace Dashboard.Core.Imports;

/// <summary>An uploaded file as stored on disk, with the name the user gave it.</summary>
public sealed record UploadedFile(string Name, string Path);

/// <summary>Limits that keep a hostile zip from filling the disk or the memory.</summary>
internal sealed record ZipLimits(int MaxEntries, long MaxUncompressedBytes, int MaxCompressionRatio);

/// <summary>One streaming-history file found in the upload: a JSON file or a zip entry.</summary>
internal sealed record ExportSource(string Name, ExportFileKind Kind, long Length, Func<Stream> Open);

/// <summary>
/// Finds the streaming-history files in an upload (JSON files, zips, or a mix), recognising each by its
/// content. Unrelated files (the PDF, account details, images) are listed as ignored; anything unsafe or
/// broken stops the import before a single row is written.
/// </summary>
internal sealed class ExportSources : IDisposable
{
    private static ReadOnlySpan<byte> ZipMagic => "PK\u0003\u0004"u8;

    private readonly List<ZipArchive> _zips = [];

    private ExportSources()
    {
    }

    public List<ExportSource> Files { get; private set; } = [];

    /// <summary>Files and entries that are not streaming history, each with why.</summary>
    public List<string> Ignored { get; } = [];

    public long TotalBytes => Files.Sum(f => f.Length);

    public static ExportSources Open(IReadOnlyList<UploadedFile> uploads, ZipLimits limits)
    {
        var sources = new ExportSources();
        try
        {
            foreach (var upload in uploads)
            {
                sources.Add(upload, limits);
            }
            // Exact records first: account data's minute-precise records are then matched against them.
            sources.Files = [.. sources.Files.OrderByDescending(file => IsExtended(file.Kind))];
            if (sources.Files.Count == 0)
            {
                var ignored = sources.Ignored.Count > 0 ? $" Ignored: {string.Join("; ", sources.Ignored)}." : "";
                throw new ImportFileException(
                    "No streaming history was found in the upload. Upload the zip Spotify sent you " +
                    "(my_spotify_data.zip) or its Streaming_History_*.json, " +
                    "endsong_*.json or StreamingHistory*.json files." + ignored);
            }
            return sources;
        }
        catch
        {
            sources.Dispose();
            throw;
        }
    }

    private void Add(UploadedFile upload, ZipLimits limits)
    {
        var head = ReadHead(() => File.OpenRead(upload.Path), out var length);
        if (head.AsSpan().StartsWith(ZipMagic))
        {
            AddZip(upload, limits);
            return;
        }
        Consider(upload.Name, head, length, () => File.OpenRead(upload.Path));
    }

    private void AddZip(UploadedFile upload, ZipLimits limits)
    {
        ZipArchive zip;
        try
        {
            using (var file = File.OpenRead(upload.Path))
            {
                ZipDirectory.Check(file, upload.Name, limits);
            }
            zip = new ZipArchive(File.OpenRead(upload.Path), ZipArchiveMode.Read);
        }
        catch (InvalidDataException e)
        {
            throw new ImportFileException(
                $"{upload.Name} is not a readable zip file: {e.Message} Download it again from Spotify.", e);
        }
        _zips.Add(zip);

        if (zip.Entries.Count > limits.MaxEntries)
        {
            // ZipDirectory has counted them already; this holds should the two read a zip differently.
            throw new ImportFileException(
                $"{upload.Name} holds more than the {limits.MaxEntries:N0} files a Spotify export can have. " +
                "Nothing was imported.");
        }
        long total = 0;
        foreach (var entry in zip.Entries)
        {
            if (!IsSafePath(entry.FullName))
            {
                throw new ImportFileException(
                    $"{upload.Name} contains an entry whose path leaves the archive's folder " +
                    $"({UploadNames.Shown(entry.FullName)}). " +
                    "This is not a Spotify export; nothing was imported.");
            }
            total += entry.Length;
            if (total > limits.MaxUncompressedBytes)
            {
                throw new ImportFileException(
                    $"{upload.Name} unpacks to more than {Figures.Bytes(limits.MaxUncompressedBytes)}, " +
                    "far more than a Spotify export. Nothing was imported.");
            }
            if (entry.CompressedLength > 0 && entry.Length > 1024 * 1024
                && entry.Length / entry.CompressedLength > limits.MaxCompressionRatio)
            {
                throw new ImportFileException(
                    $"{upload.Name}: {UploadNames.Shown(entry.FullName)} is compressed " +
                    $"{entry.Length / entry.CompressedLength}:1, which only a zip bomb does. Nothing was imported.");
            }
        }

        foreach (var entry in zip.Entries.OrderBy(e => e.FullName, StringComparer.Ordinal))
        {
            var name = $"{upload.Name}/{UploadNames.Shown(entry.FullName)}";
            if (entry.FullName.EndsWith('/'))
            {
                continue;
            }
            Stream OpenEntry() => new BoundedStream(OpenZipEntry(entry, name), entry.Length, name);
            var head = ReadHead(OpenEntry, out _);
            if (head.AsSpan().StartsWith(ZipMagic))
            {
                Ignored.Add($"{name} (a zip inside the zip)");
                continue;
            }
            Consider(name, head, entry.Length, OpenEntry);
        }
    }

    private static Stream OpenZipEntry(ZipArchiveEntry entry, string name)
    {
        try
        {
            return entry.Open();
        }
        catch (InvalidDataException e)
        {
            throw BoundedStream.Damaged(name, e);
        }
    }

    /// <summary>Adds a JSON file if it is streaming history, or records why it is left out.</summary>
    private void Consider(string name, byte[] head, long length, Func<Stream> open)
    {
        var looksLikeJson = name.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
            || FirstNonSpace(head) is (byte)'[' or (byte)'{';
        if (!looksLikeJson)
        {
            Ignored.Add($"{name} (not a JSON file)");
            return;
        }
        if (length == 0)
        {
            throw new ImportFileException($"{name} is empty. Download the export again from Spotify.");
        }
        var detected = ExportFormat.Detect(head, name);
        if (detected.Kind is { } kind)
        {
            Files.Add(new ExportSource(name, kind, length, open));
        }
        else if (detected.IsEmptyHistory)
        {
            Ignored.Add($"{name} (an empty list of plays)");
        }
        else if (detected.Description is "broken JSON" or "not JSON")
        {
            throw new ImportFileException(
                $"{name} is not valid JSON. Download the export again from Spotify and upload the original file.");
        }
        else
        {
            Ignored.Add($"{name} ({detected.Description})");
        }
    }

    private static byte[] ReadHead(Func<Stream> open, out long length)
    {
        using var stream = open();
        length = stream.CanSeek ? stream.Length : -1;
        var buffer = new byte[ExportFormat.HeadLength];
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return buffer[..read];
    }

    private static byte? FirstNonSpace(byte[] head)
    {
        var span = head.AsSpan();
        if (span.StartsWith("\uFEFF"u8))
        {
            span = span[3..];
        }
        foreach (var b in span)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return b;
            }
        }
        return null;
    }

    private static bool IsExtended(ExportFileKind kind) => kind is ExportFileKind.ExtendedAudio
        or ExportFileKind.ExtendedVideo;

    /// <summary>An entry path that stays inside the archive: relative, no <c>..</c> segments.</summary>
    internal static bool IsSafePath(string path) =>
        path.Length > 0
        && !path.StartsWith('/') && !path.StartsWith('\\')
        && !(path.Length > 1 && path[1] == ':')
        && !path.Split('/', '\\').Any(segment => segment == "..");

    public void Dispose()
    {
        foreach (var zip in _zips)
        {
            zip.Dispose();
        }
    }
}

/// <summary>
/// Refuses to yield more bytes than a zip entry declared, or to end before them: a lying header cannot inflate past
/// it. Damaged compressed data is refused with a message that names the entry.
/// </summary>
internal sealed class BoundedStream(Stream inner, long limit, string name) : Stream
{
    private long _read;

    public static ImportFileException Damaged(string name, Exception inner) => new(
        $"{name} cannot be unpacked: the zip is damaged. Download it again from Spotify. Nothing was imported.", inner);

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        try
        {
            return Count(inner.Read(buffer), buffer.Length);
        }
        catch (InvalidDataException e)
        {
            throw Damaged(name, e);
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return Count(await inner.ReadAsync(buffer, cancellationToken), buffer.Length);
        }
        catch (InvalidDataException e)
        {
            throw Damaged(name, e);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Count(int read, int asked)
    {
        _read += read;
        if (_read > limit)
        {
            throw new ImportFileException(
                $"{name} unpacks to more than its declared size; the zip is damaged or hostile. Nothing was imported.");
        }
        if (read == 0 && asked > 0 && _read < limit)
        {
            throw new ImportFileException(
                $"{name} unpacks to less than its declared size; the zip is damaged or hostile. Nothing was imported.");
        }
        return read;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => limit;

    /// <summary>Bytes read so far, for progress.</summary>
    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
