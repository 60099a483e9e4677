using System.Data.Common;
using Dashboard.Core.Data;
using Dashboard.Core.Listening;

namespace Dashboard.Core.Imports;

/// <summary>
/// What one import did with the plays it read: new, already there, or completing a play from the API.
/// </summary>
internal sealed class PlayCounts
{
    public int Inserted { get; set; }
    public int Duplicates { get; set; }
    public int Merged { get; set; }
}

/// <summary>
/// Writes imported plays straight through ADO.NET inside the caller's transaction: new plays, duplicates left to the
/// unique indexes, and exact records merged into the plays the API or account data had; the items they are plays of
/// come from <see cref="ImportCatalogue"/>. EF Core was 5-7x slower for this in the import benchmarks;
/// everything else in the app uses EF Core. The SQL here reads the same on SQLite and PostgreSQL; how new plays
/// reach the table is each provider's fast path (<see cref="SqlitePlayWriter"/>, <see cref="PostgresPlayWriter"/>).
/// </summary>
internal abstract class PlayWriter : IDisposable
{
    private readonly int _userId;
    private readonly int _importId;
    private readonly TimeZoneInfo _zone;
    private readonly PlayCountRule _rule;

    private readonly ImportCatalogue _catalogue;

    /// <summary>Plays from API sync or account data that an exact record of the export may replace.</summary>
    private readonly Dictionary<(bool IsTrack, int ItemId), List<MergeCandidate>> _mergeable = [];

    private readonly DbCommand _mergeTrackPlay;
    private readonly DbCommand _mergeEpisodePlay;
    private readonly DbCommand _keepPlayBeforeMerge;
    private readonly DbCommand _forgetPlayBeforeMerge;
    private readonly DbCommand _findNearTrackPlay;
    private readonly DbCommand _findNearEpisodePlay;
    private readonly List<DbCommand> _commands = [];

    /// <summary>
    /// The items with a play from an exact source (export or sync), stored or on its way: only those can have one near
    /// an account-data record, so the others need no look-up. Read when the first account-data record comes.
    /// </summary>
    private HashSet<(bool IsTrack, int ItemId)>? _itemsWithExactPlays;

    /// <summary>
    /// Whether plays from exact sources may be waiting in a provider's batch, unseen by the next query.
    /// </summary>
    private bool _exactPlaysHeldBack;

    /// <summary>The columns of a new play, in the order <see cref="PlayRow"/> holds them.</summary>
    protected const string PlayColumns = """
        user_id, played_at, ms_played, counted, content_type, track_id, episode_id, source, import_id,
        platform, country, reason_start, reason_end, shuffle, skipped, offline, offline_at, incognito,
        local_date, local_hour, local_weekday
        """;

    protected PlayWriter(DbConnection connection, DbTransaction transaction, int userId, int importId,
        TimeZoneInfo zone, PlayCountRule rule, PlayCounts counts)
    {
        Connection = connection;
        Transaction = transaction;
        _userId = userId;
        _importId = importId;
        _zone = zone;
        _rule = rule;
        Counts = counts;
        _catalogue = new ImportCatalogue(connection, transaction, userId);
        // A sync play moves to the export's exact time, unless a play of the item already sits at that time: then
        // the export's record is that play, and a duplicate. Checked first rather than left to the unique index,
        // because on PostgreSQL a failed statement ends the whole transaction.
        _mergeTrackPlay = Prepare(MergeSql("track_id"));
        _mergeEpisodePlay = Prepare(MergeSql("episode_id"));
        // What a merge overwrites is kept, so that undoing this import gives the synced play back as it was.
        _keepPlayBeforeMerge = Prepare("""
            INSERT INTO play_merges (play_id, import_id, played_at, ms_played, content_type, source, previous_import_id,
                platform, country, reason_start, reason_end, shuffle, skipped, offline, offline_at, incognito)
            SELECT id, @import, played_at, ms_played, content_type, source, import_id,
                platform, country, reason_start, reason_end, shuffle, skipped, offline, offline_at, incognito
            FROM plays WHERE id = @id
            """);
        _keepPlayBeforeMerge.Parameters["@import"].Value = importId;
        _forgetPlayBeforeMerge = Prepare("DELETE FROM play_merges WHERE play_id = @id");
        // Only exact records (export or sync) can stand for an account-data record; between two account-data
        // records, only the same minute makes a duplicate (the unique index).
        _findNearTrackPlay = Prepare($"""
            SELECT 1 FROM plays WHERE user_id = @user AND track_id = @item AND played_at >= @from AND played_at <= @to
              AND source <> {(int)PlaySource.AccountData} LIMIT 1
            """);
        _findNearEpisodePlay = Prepare($"""
            SELECT 1 FROM plays WHERE user_id = @user AND episode_id = @item AND played_at >= @from AND played_at <= @to
              AND source <> {(int)PlaySource.AccountData} LIMIT 1
            """);
        foreach (var command in _commands.Where(c => c.Parameters.Contains("@user")))
        {
            command.Parameters["@user"].Value = userId;
        }
    }

    protected DbConnection Connection { get; }
    protected DbTransaction Transaction { get; }

    /// <summary>Inserted, duplicate and merged plays so far; plays still on their way in are not counted yet.</summary>
    public PlayCounts Counts { get; }

    /// <summary>The local days whose plays this import changed, for the rollups; null while nothing changed.</summary>
    public (DateOnly From, DateOnly To)? ChangedDays { get; private set; }

    /// <summary>
    /// Loads the user's plays that came from API sync or account data, which the export may complete.
    /// </summary>
    public void LoadMergeCandidates()
    {
        using var command = Command($"""
            SELECT id, track_id, episode_id, played_at, source, local_date FROM plays
            WHERE user_id = @user AND source IN ({(int)PlaySource.Sync}, {(int)PlaySource.AccountData})
            """, [("@user", _userId)]);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var key = reader.IsDBNull(1) ? (false, reader.GetInt32(2)) : (true, reader.GetInt32(1));
            if (!_mergeable.TryGetValue(key, out var list))
            {
                _mergeable[key] = list = [];
            }
            list.Add(
                new MergeCandidate(reader.GetInt64(0), DateTime.SpecifyKind(reader.GetDateTime(3), DateTimeKind.Utc),
                (PlaySource)reader.GetInt32(4), reader.GetFieldValue<DateOnly>(5)));
        }
    }

    /// <summary>
    /// Writes one play of the export: a new play, a duplicate, or the exact time of a play the API had.
    /// </summary>
    public void Write(ExportPlay play, PlaySource source)
    {
        var (trackId, episodeId) = _catalogue.Resolve(play.Item);
        var key = trackId is { } t ? (true, t) : (false, episodeId!.Value);

        if (source == PlaySource.AccountData)
        {
            // Minute precision: a play already stored (from any source) within the minute is this one. The look-up
            // must see the exact plays written before; account-data plays held back do not matter to it.
            if (_exactPlaysHeldBack)
            {
                FlushPlays();
                _exactPlaysHeldBack = false;
            }
            _itemsWithExactPlays ??= ItemsWithExactPlays();
            if (_itemsWithExactPlays.Contains(key)
                && IsNear(trackId, episodeId, play.PlayedAt.Add(-PlayMatching.MinuteWindow),
                    play.PlayedAt.Add(PlayMatching.MinuteWindow)))
            {
                Counts.Duplicates++;
                return;
            }
        }
        else if (TakeMergeCandidate(key, play.PlayedAt) is { } candidate)
        {
            // The merge must see every play written before it, and the plays after it must see the merge.
            FlushPlays();
            var merge = trackId is not null ? _mergeTrackPlay : _mergeEpisodePlay;
            var row = Row(play, source, trackId, episodeId);
            Bind(merge, row);
            merge.Parameters["@item"].Value = trackId ?? episodeId;
            merge.Parameters["@id"].Value = candidate.Id;
            _keepPlayBeforeMerge.Parameters["@id"].Value = candidate.Id;
            _keepPlayBeforeMerge.ExecuteNonQuery();
            if (merge.ExecuteNonQuery() != 1)
            {
                _forgetPlayBeforeMerge.Parameters["@id"].Value = candidate.Id;
                _forgetPlayBeforeMerge.ExecuteNonQuery();
                Counts.Duplicates++;
                return;
            }
            Counts.Merged++;
            _itemsWithExactPlays?.Add(key);
            Changed(row.Local.Date);
            Changed(candidate.LocalDate);
            return;
        }

        if (source != PlaySource.AccountData)
        {
            _exactPlaysHeldBack = true;
            _itemsWithExactPlays?.Add(key);
        }
        InsertPlay(Row(play, source, trackId, episodeId));
    }

    /// <summary>
    /// Inserts a new play unless the unique indexes say it is already there; counts it either way, now or when
    /// <see cref="FlushPlays"/> writes it.
    /// </summary>
    protected abstract void InsertPlay(PlayRow row);

    /// <summary>
    /// Writes the plays held back for a faster insert, so the next statement sees them. Called at the end too.
    /// </summary>
    public abstract void FlushPlays();

    protected void Changed(DateOnly day) =>
        ChangedDays = ChangedDays is var (from, to) ? (day < from ? day : from, day > to ? day : to) : (day, day);

    private MergeCandidate? TakeMergeCandidate((bool, int) key, DateTime playedAt)
    {
        if (!_mergeable.TryGetValue(key, out var candidates))
        {
            return null;
        }
        for (var i = 0; i < candidates.Count; i++)
        {
            var candidate = candidates[i];
            var window = candidate.Source == PlaySource.Sync ? PlayMatching.SyncWindow : PlayMatching.MinuteWindow;
            if ((candidate.PlayedAt - playedAt).Duration() <= window)
            {
                candidates.RemoveAt(i);
                return candidate;
            }
        }
        return null;
    }

    private HashSet<(bool IsTrack, int ItemId)> ItemsWithExactPlays()
    {
        using var command = Command($"""
            SELECT DISTINCT track_id, episode_id FROM plays WHERE user_id = @user
                AND source <> {(int)PlaySource.AccountData}
            """, [("@user", _userId)]);
        using var reader = command.ExecuteReader();
        var items = new HashSet<(bool IsTrack, int ItemId)>();
        while (reader.Read())
        {
            items.Add(reader.IsDBNull(0) ? (false, reader.GetInt32(1)) : (true, reader.GetInt32(0)));
        }
        return items;
    }

    private bool IsNear(int? trackId, int? episodeId, DateTime from, DateTime to)
    {
        var command = trackId is not null ? _findNearTrackPlay : _findNearEpisodePlay;
        command.Parameters["@item"].Value = trackId ?? episodeId;
        command.Parameters["@from"].Value = from;
        command.Parameters["@to"].Value = to;
        return command.ExecuteScalar() is not null;
    }

    private PlayRow Row(ExportPlay play, PlaySource source, int? trackId, int? episodeId) =>
        // Lengths are not known here; under the half-the-item rule the import recounts its plays at the end.
        new(_userId, _importId, play, source, trackId, episodeId,
            PlayCountRules.Counts(_rule, play.MsPlayed, durationMs: null),
            LocalTime.Of(play.PlayedAt, _zone));

    protected static void Bind(DbCommand command, PlayRow row)
    {
        var play = row.Play;
        var p = command.Parameters;
        p["@played_at"].Value = play.PlayedAt;
        p["@ms"].Value = play.MsPlayed;
        p["@counted"].Value = row.Counted;
        p["@type"].Value = (int)play.ContentType;
        if (p.Contains("@track"))
        {
            p["@track"].Value = (object?)row.TrackId ?? DBNull.Value;
            p["@episode"].Value = (object?)row.EpisodeId ?? DBNull.Value;
        }
        p["@source"].Value = (int)row.Source;
        p["@import"].Value = row.ImportId;
        p["@platform"].Value = (object?)play.Platform ?? DBNull.Value;
        p["@country"].Value = (object?)play.Country ?? DBNull.Value;
        p["@reason_start"].Value = (object?)play.ReasonStart ?? DBNull.Value;
        p["@reason_end"].Value = (object?)play.ReasonEnd ?? DBNull.Value;
        p["@shuffle"].Value = (object?)play.Shuffle ?? DBNull.Value;
        p["@skipped"].Value = (object?)play.Skipped ?? DBNull.Value;
        p["@offline"].Value = (object?)play.Offline ?? DBNull.Value;
        p["@offline_at"].Value = (object?)play.OfflineAt ?? DBNull.Value;
        p["@incognito"].Value = (object?)play.Incognito ?? DBNull.Value;
        p["@local_date"].Value = row.Local.Date;
        p["@local_hour"].Value = (short)row.Local.Hour;
        p["@local_weekday"].Value = (short)row.Local.Weekday;
    }

    private static string MergeSql(string itemColumn) => $"""
        UPDATE plays SET played_at = @played_at, ms_played = @ms, counted = @counted, content_type = @type,
            source = @source,
            import_id = @import, platform = @platform, country = @country, reason_start = @reason_start,
            reason_end = @reason_end, shuffle = @shuffle, skipped = @skipped, offline = @offline,
            offline_at = @offline_at, incognito = @incognito, local_date = @local_date, local_hour = @local_hour,
            local_weekday = @local_weekday
        WHERE id = @id AND NOT EXISTS (
            SELECT 1 FROM plays other
            WHERE other.user_id = @user AND other.{itemColumn} = @item AND other.played_at = @played_at
                AND other.id <> @id)
        """;

    protected DbCommand Command(string sql, (string Name, object? Value)[] parameters) =>
        DbCommands.Create(Connection, Transaction, sql, parameters);

    /// <summary>A command kept for the whole import, with every parameter its SQL names declared once.</summary>
    protected DbCommand Prepare(string sql)
    {
        var command = Connection.CreateCommand();
        command.Transaction = Transaction;
        command.CommandText = sql;
        var parameterNames = System.Text.RegularExpressions.Regex.Matches(sql, "@[a-z_]+");
        foreach (System.Text.RegularExpressions.Match match in parameterNames)
        {
            if (!command.Parameters.Contains(match.Value))
            {
                DbCommands.AddParameter(command, match.Value, null);
            }
        }
        if (PreparesCommands)
        {
            command.Prepare();
        }
        _commands.Add(command);
        return command;
    }

    /// <summary>
    /// Whether commands kept for the whole import are prepared up front. SQLite compiles each statement and gains a
    /// lot; PostgreSQL would want every parameter's type before any value is known.
    /// </summary>
    protected abstract bool PreparesCommands { get; }

    public virtual void Dispose()
    {
        foreach (var command in _commands)
        {
            command.Dispose();
        }
    }

    private sealed record MergeCandidate(long Id, DateTime PlayedAt, PlaySource Source, DateOnly LocalDate);

    /// <summary>A new play as it goes into the table.</summary>
    protected sealed record PlayRow(int UserId, int ImportId, ExportPlay Play, PlaySource Source, int? TrackId,
        int? EpisodeId,
        bool Counted, LocalTime Local);
}
