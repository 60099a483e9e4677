using System.Text.Json;

namespace Dashboard.Benchmarks.Bare;

/// <summary>
/// Streams the records of one export file with <see cref="Utf8JsonReader"/> over a refilled buffer: no
/// object per record, no serializer, the file never whole in memory.
/// </summary>
internal sealed class BareExportReader(Stream stream)
{
    private enum Field
    {
        Other, Ts, Platform, MsPlayed, Country, TrackName, ArtistName, AlbumName, TrackUri, EpisodeName, ShowName,
        EpisodeUri, ReasonStart, ReasonEnd, Shuffle, Skipped, Offline, OfflineTimestamp, Incognito,
    }

    private byte[] _buffer = new byte[1 << 16];
    private int _start;
    private int _end;
    private bool _endOfStream;
    private JsonReaderState _state;

    // Kept across buffer refills: a property name may come at the end of one buffer and its value in the next.
    private Field _field;

    public BareRecord Current { get; } = new();

    /// <summary>Reads the next record into <see cref="Current"/>; false at the end of the list.</summary>
    public bool MoveNext()
    {
        while (true)
        {
            var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _endOfStream, _state);
            var outcome = ReadRecord(ref reader);
            _start += (int)reader.BytesConsumed;
            _state = reader.CurrentState;
            if (outcome is not null)
            {
                return outcome.Value;
            }
            if (_endOfStream)
            {
                throw new InvalidDataException("The file ends in the middle of a record.");
            }
            Refill();
        }
    }

    /// <summary>True after a whole record, false at the end of the list, null when the buffer ran out first.</summary>
    private bool? ReadRecord(ref Utf8JsonReader reader)
    {
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartArray:
                    break;
                case JsonTokenType.StartObject:
                    Current.Clear();
                    break;
                case JsonTokenType.EndObject:
                    return true;
                case JsonTokenType.EndArray:
                    return false;
                case JsonTokenType.PropertyName:
                    _field = FieldOf(ref reader);
                    break;
                default:
                    Assign(ref reader);
                    break;
            }
        }
        return null;
    }

    private static Field FieldOf(ref Utf8JsonReader reader)
    {
        Span<char> name = stackalloc char[64];
        return name[..reader.CopyString(name)] switch
        {
            "ts" => Field.Ts,
            "platform" => Field.Platform,
            "ms_played" => Field.MsPlayed,
            "conn_country" => Field.Country,
            "master_metadata_track_name" => Field.TrackName,
            "master_metadata_album_artist_name" => Field.ArtistName,
            "master_metadata_album_album_name" => Field.AlbumName,
            "spotify_track_uri" => Field.TrackUri,
            "episode_name" => Field.EpisodeName,
            "episode_show_name" => Field.ShowName,
            "spotify_episode_uri" => Field.EpisodeUri,
            "reason_start" => Field.ReasonStart,
            "reason_end" => Field.ReasonEnd,
            "shuffle" => Field.Shuffle,
            "skipped" => Field.Skipped,
            "offline" => Field.Offline,
            "offline_timestamp" => Field.OfflineTimestamp,
            "incognito_mode" => Field.Incognito,
            _ => Field.Other,
        };
    }

    private void Assign(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }
        var record = Current;
        switch (_field)
        {
            case Field.Ts: record.PlayedAt = reader.GetDateTimeOffset().UtcDateTime; break;
            case Field.Platform: record.Platform = reader.GetString(); break;
            case Field.MsPlayed: record.MsPlayed = reader.GetInt64(); break;
            case Field.Country: record.Country = reader.GetString(); break;
            case Field.TrackName: record.TrackName = reader.GetString(); break;
            case Field.ArtistName: record.ArtistName = reader.GetString(); break;
            case Field.AlbumName: record.AlbumName = reader.GetString(); break;
            case Field.TrackUri: record.TrackUri = reader.GetString(); break;
            case Field.EpisodeName: record.EpisodeName = reader.GetString(); break;
            case Field.ShowName: record.ShowName = reader.GetString(); break;
            case Field.EpisodeUri: record.EpisodeUri = reader.GetString(); break;
            case Field.ReasonStart: record.ReasonStart = reader.GetString(); break;
            case Field.ReasonEnd: record.ReasonEnd = reader.GetString(); break;
            case Field.Shuffle: record.Shuffle = reader.GetBoolean(); break;
            case Field.Skipped: record.Skipped = reader.GetBoolean(); break;
            case Field.Offline: record.Offline = reader.GetBoolean(); break;
            case Field.OfflineTimestamp: record.OfflineTimestamp = reader.GetInt64(); break;
            case Field.Incognito: record.Incognito = reader.GetBoolean(); break;
        }
    }

    /// <summary>
    /// Moves the unread bytes to the front and fills the rest; grows the buffer for a token larger than it.
    /// </summary>
    private void Refill()
    {
        var unread = _end - _start;
        if (unread == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
        else
        {
            _buffer.AsSpan(_start, unread).CopyTo(_buffer);
        }
        _start = 0;
        _end = unread;
        while (_end < _buffer.Length)
        {
            var read = stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                _endOfStream = true;
                break;
            }
            _end += read;
        }
    }
}
