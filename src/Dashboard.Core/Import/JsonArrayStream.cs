using System.Buffers;
using System.Text.Json;

namespace Dashboard.Core.Import;

/// <summary>Called with each element of the array, in order: its JSON and its position (1 for the first).</summary>
internal delegate void JsonElementHandler(ReadOnlySpan<byte> json, int number);

/// <summary>
/// Reads a JSON array from a stream element by element with <see cref="Utf8JsonReader"/>, holding only
/// a buffer (1 MB, more only for a larger element), never the whole file. Knows each element's number, so
/// errors can name the exact record, and tells a cut-off file from broken JSON.
/// </summary>
internal sealed class JsonArrayStream(Stream stream, string fileName) : IDisposable
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(1024 * 1024);
    private int _filled;
    private JsonReaderState _state;
    private bool _first = true;
    private bool _ended;

    /// <summary>Elements read so far.</summary>
    public int Count { get; private set; }

    /// <summary>Reads the next chunk of the stream, handing each complete element over; false once the array has ended.</summary>
    /// <exception cref="ImportFileException">The file is truncated or not valid JSON.</exception>
    public async ValueTask<bool> ReadChunkAsync(JsonElementHandler handler, CancellationToken cancellationToken)
    {
        if (_ended)
        {
            return false;
        }
        if (_filled == _buffer.Length)
        {
            // One element larger than the buffer: grow rather than fail.
            var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            _buffer.AsSpan(0, _filled).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
        var read = await stream.ReadAsync(_buffer.AsMemory(_filled), cancellationToken);
        var endOfFile = read == 0;
        _filled += read;
        if (_first && _filled >= 3 && _buffer.AsSpan().StartsWith("\uFEFF"u8))
        {
            _buffer.AsSpan(3, _filled - 3).CopyTo(_buffer);
            _filled -= 3;
        }
        _first = false;

        var consumed = Consume(_buffer.AsSpan(0, _filled), endOfFile, handler);
        _buffer.AsSpan(consumed, _filled - consumed).CopyTo(_buffer);
        _filled -= consumed;
        if (endOfFile && !_ended)
        {
            throw Truncated();
        }
        return !_ended;
    }

    private int Consume(ReadOnlySpan<byte> data, bool endOfFile, JsonElementHandler handler)
    {
        var chunkState = _state;
        var chunkCount = Count;
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
            throw new ImportFileException(
                $"{fileName}: record {chunkCount + 1} is not valid JSON. Download the export again from Spotify and upload the original file.", e);
        }
        _state = reader.CurrentState;
        return (int)reader.BytesConsumed;
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

    private ImportFileException Truncated(Exception? inner = null) => new(
        $"{fileName} ends in the middle of the data after {Count:N0} records: the file looks truncated. " +
        "Download the export again from Spotify and upload the original file.", inner);

    public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);
}
