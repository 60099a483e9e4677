using System.Buffers;
using System.Text.Json;
using Dashboard.Core.Formatting;

namespace Dashboard.Core.Imports;

/// <summary>Called with each element of the array, in order: its JSON and its position (1 for the first).</summary>
internal delegate void JsonElementHandler(ReadOnlySpan<byte> json, int number);

/// <summary>
/// Reads a JSON array from a stream element by element with <see cref="Utf8JsonReader"/>, holding one buffer of
/// <see cref="MaxRecordBytes"/> and never the whole file: whitespace between elements is dropped as it arrives, and an
/// element that does not fit the buffer is refused. Knows each element's number, so errors name the exact record, and
/// tells a cut-off file from broken JSON.
/// </summary>
internal sealed class JsonArrayStream(Stream stream, string fileName) : IDisposable
{
    /// <summary>
    /// The largest record accepted, whitespace included. A play Spotify writes takes well under 2 KB; even every name
    /// a record holds at 1,000 characters, each written as a six-byte escape, stays far below this.
    /// </summary>
    public const int MaxRecordBytes = 1024 * 1024;

    /// <summary>Past this depth a record is no play: a play's fields are flat.</summary>
    private const int MaxDepth = 64;

    private readonly byte[] _buffer = ArrayPool<byte>.Shared.Rent(MaxRecordBytes);
    private int _filled;
    private JsonReaderState _state = new(new JsonReaderOptions { MaxDepth = MaxDepth });
    private bool _bomChecked;
    private bool _ended;

    /// <summary>Elements read so far.</summary>
    public int Count { get; private set; }

    /// <summary>
    /// Reads the next chunk of the stream, handing each complete element over; false once the array has ended.
    /// </summary>
    /// <exception cref="ImportFileException">The file is truncated, not valid JSON, or holds a record over the size
    /// limit.</exception>
    public async ValueTask<bool> ReadChunkAsync(JsonElementHandler handler, CancellationToken cancellationToken)
    {
        if (_ended)
        {
            return false;
        }
        if (_filled == MaxRecordBytes)
        {
            // What is left from the last chunk starts at the next element (whitespace is dropped), so it is all one
            // element.
            throw new ImportFileException(
                $"{fileName}: record {Count + 1:N0} is larger than {Figures.Bytes(MaxRecordBytes)}, " +
                "far larger than any play Spotify writes. " +
                "Download the export again from Spotify and upload the original file.");
        }
        var read = await stream.ReadAsync(_buffer.AsMemory(_filled, MaxRecordBytes - _filled), cancellationToken);
        var endOfFile = read == 0;
        _filled += read;
        if (!_bomChecked && (_filled >= 3 || endOfFile))
        {
            _bomChecked = true;
            if (_buffer.AsSpan(0, _filled).StartsWith("\uFEFF"u8))
            {
                Keep(3);
            }
        }
        if (!_bomChecked)
        {
            return true;
        }

        var consumed = Consume(_buffer.AsSpan(0, _filled), endOfFile, handler);
        KeepCompacted(consumed);
        if (_ended)
        {
            await EnsureNothingFollowsAsync(cancellationToken);
            return false;
        }
        if (endOfFile)
        {
            throw Truncated();
        }
        return true;
    }

    /// <summary>
    /// Drops the first <paramref name="consumed"/> bytes of the buffer, keeping the rest for the next chunk.
    /// </summary>
    private void Keep(int consumed)
    {
        _buffer.AsSpan(consumed, _filled - consumed).CopyTo(_buffer);
        _filled -= consumed;
    }

    /// <summary>
    /// Keeps what the reader has not consumed, less the whitespace around the comma it may start with: the reader
    /// stops before a comma it cannot yet see past, and whitespace means nothing between elements.
    /// </summary>
    private void KeepCompacted(int consumed)
    {
        Keep(consumed + Whitespace(_buffer.AsSpan(consumed, _filled - consumed)));
        if (_filled > 0 && _buffer[0] == (byte)',')
        {
            var after = Whitespace(_buffer.AsSpan(1, _filled - 1));
            _buffer.AsSpan(1 + after, _filled - 1 - after).CopyTo(_buffer.AsSpan(1));
            _filled -= after;
        }
    }

    private int Consume(ReadOnlySpan<byte> data, bool endOfFile, JsonElementHandler handler)
    {
        var chunkState = _state;
        var reader = new Utf8JsonReader(data, endOfFile, _state);
        try
        {
            while (true)
            {
                var checkpoint = reader;
                if (!reader.Read())
                {
                    break;
                }
                if (reader.CurrentDepth == 0)
                {
                    if (reader.TokenType == JsonTokenType.EndArray)
                    {
                        _ended = true;
                        // Anything but whitespace after the closing bracket means the file is not what it claims.
                        while (reader.Read())
                        {
                        }
                        break;
                    }
                    continue;
                }
                var start = (int)reader.TokenStartIndex;
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
                {
                    reader = checkpoint;
                    break;
                }
                Count++;
                handler(data[start..(int)reader.BytesConsumed], Count);
            }
        }
        catch (JsonException e)
        {
            // At the end of the file, the same bytes read as "more to come" tell a cut-off file from broken JSON.
            if (endOfFile && ReadsAsUnfinished(data, chunkState))
            {
                throw Truncated(e);
            }
            if (_ended)
            {
                throw TrailingData(e);
            }
            var problem = reader.CurrentDepth >= MaxDepth - 1 ? "is nested deeper than any play record"
                : "is not valid JSON";
            throw new ImportFileException(
                $"{fileName}: record {Count + 1:N0} {problem}. Download the export again from Spotify and upload the " +
                "original file.", e);
        }
        _state = reader.CurrentState;
        return (int)reader.BytesConsumed;
    }

    /// <summary>After the closing bracket only whitespace may follow, to the end of the file.</summary>
    private async Task EnsureNothingFollowsAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_filled > 0)
            {
                throw TrailingData(null);
            }
            _filled = await stream.ReadAsync(_buffer.AsMemory(0, MaxRecordBytes), cancellationToken);
            if (_filled == 0)
            {
                return;
            }
            Keep(Whitespace(_buffer.AsSpan(0, _filled)));
        }
    }

    private static bool ReadsAsUnfinished(ReadOnlySpan<byte> data, JsonReaderState state)
    {
        var reader = new Utf8JsonReader(data, isFinalBlock: false, state);
        try
        {
            while (reader.Read())
            {
            }
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>How many bytes at the start of <paramref name="data"/> are JSON whitespace.</summary>
    private static int Whitespace(ReadOnlySpan<byte> data)
    {
        var index = data.IndexOfAnyExcept(" \t\r\n"u8);
        return index < 0 ? data.Length : index;
    }

    private ImportFileException Truncated(Exception? inner = null) => new(
        $"{fileName} ends in the middle of the data after {Count:N0} records: the file looks truncated. " +
        "Download the export again from Spotify and upload the original file.", inner);

    private ImportFileException TrailingData(Exception? inner) => new(
        $"{fileName} goes on after the end of its list of plays (after {Count:N0} records), " +
        "which a Spotify export never does. " +
        "Download the export again from Spotify and upload the original file.", inner);

    public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);
}
