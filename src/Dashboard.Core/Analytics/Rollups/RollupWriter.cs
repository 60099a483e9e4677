using System.Data.Common;
using Dashboard.Core.Data;
using Dashboard.Core.Listening;

namespace Dashboard.Core.Analytics.Rollups;

/// <summary>
/// Recomputes a user's rollups from their plays with set-based SQL, inside the caller's transaction, so the
/// rollups change in the same commit as the plays they describe and are never stale. The SQL is plain enough
/// for SQLite and PostgreSQL alike.
/// </summary>
public sealed class RollupWriter(DbConnection connection, DbTransaction? transaction)
{
    /// <summary>
    /// A play that was skipped: Spotify says so, or (older exports) it ended with the forward button.
    /// </summary>
    internal const string SkipExpression =
        "CASE WHEN skipped OR (skipped IS NULL AND reason_end = 'fwdbtn') THEN 1 ELSE 0 END";

    /// <summary>
    /// Plays on a day outside <see cref="AcceptedDates"/> (older versions imported records dated year 1 or 9999) count
    /// in no rollup, as the importer now skips such records. Needs the parameters of <see cref="AcceptedDays"/>.
    /// </summary>
    private const string OnAcceptedDay = "local_date BETWEEN @first_day AND @last_day";

    private static readonly (string, object?)[] AcceptedDays = [("@first_day", AcceptedDates.First),
        ("@last_day", AcceptedDates.Last)];

    /// <summary>
    /// Recomputes the day and hour rollups of the local days from <paramref name="from"/> to <paramref name="to"/>.
    /// </summary>
    public async Task RefreshDaysAsync(int userId, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        (string, object?)[] range = [("@user", userId), ("@from", from), ("@to", to), .. AcceptedDays];
        await ExecuteAsync("DELETE FROM daily_rollups WHERE user_id = @user AND local_date BETWEEN @from AND @to",
            range, cancellationToken);
        await ExecuteAsync($"""
            INSERT INTO daily_rollups (user_id, local_date, content_type, platform, country, reason_start, reason_end,
                shuffle, skipped, offline, incognito, plays, ms_played, all_plays, skips)
            SELECT user_id, local_date, content_type, platform, country, reason_start, reason_end,
                shuffle, skipped, offline, incognito,
                SUM(CASE WHEN counted THEN 1 ELSE 0 END), SUM(CASE WHEN counted THEN ms_played ELSE 0 END),
                COUNT(*), SUM({SkipExpression})
            FROM plays
            WHERE user_id = @user AND local_date BETWEEN @from AND @to AND {OnAcceptedDay}
            GROUP BY user_id, local_date, content_type, platform, country, reason_start, reason_end,
                shuffle, skipped, offline, incognito
            """, range, cancellationToken);
        // Narrow per-dimension rows, summed from the wide ones just written.
        await ExecuteAsync("DELETE FROM dimension_rollups WHERE user_id = @user AND local_date BETWEEN @from AND @to",
            range, cancellationToken);
        foreach (var dimension in Enum.GetValues<Dimension>())
        {
            await ExecuteAsync($"""
                INSERT INTO dimension_rollups (user_id, dimension, local_date, value, plays, ms_played, all_plays,
                    skips)
                SELECT user_id, {(int)dimension}, local_date, {ValueSql(dimension)}, SUM(plays), SUM(ms_played),
                    SUM(all_plays), SUM(skips)
                FROM daily_rollups
                WHERE user_id = @user AND local_date BETWEEN @from AND @to
                GROUP BY user_id, local_date, {ValueSql(dimension)}
                """, range, cancellationToken);
        }
        await ExecuteAsync("DELETE FROM hourly_rollups WHERE user_id = @user AND local_date BETWEEN @from AND @to",
            range, cancellationToken);
        await ExecuteAsync($"""
            INSERT INTO hourly_rollups (user_id, local_date, local_hour, local_weekday, plays, ms_played)
            SELECT user_id, local_date, local_hour, MIN(local_weekday), COUNT(*), SUM(ms_played)
            FROM plays
            WHERE user_id = @user AND counted AND local_date BETWEEN @from AND @to AND {OnAcceptedDay}
            GROUP BY user_id, local_date, local_hour
            """, range, cancellationToken);
    }

    /// <summary>Recomputes the lifetime totals and breakdowns of every item the user played.</summary>
    public async Task RefreshItemTotalsAsync(int userId, CancellationToken cancellationToken)
    {
        var user = new (string, object?)[] { ("@user", userId) };
        await ExecuteAsync("DELETE FROM item_totals WHERE user_id = @user", user, cancellationToken);
        await InsertItemTotalsAsync(user, "", cancellationToken);
        await ExecuteAsync("DELETE FROM item_breakdowns WHERE user_id = @user", user, cancellationToken);
        await InsertBreakdownsAsync(user, "", cancellationToken);
        await RefreshCatalogueTotalsAsync(userId, cancellationToken);
    }

    /// <summary>
    /// Recomputes the lifetime totals and breakdowns of the given items only: what a sync of a few plays touches.
    /// </summary>
    public async Task RefreshItemTotalsAsync(int userId, IReadOnlyCollection<(ItemKind Kind, int Id)> items,
        CancellationToken cancellationToken)
    {
        foreach (var chunk in items.Distinct().Chunk(200))
        {
            var parameters = new List<(string, object?)> { ("@user", userId) };
            var tracks = InList(chunk.Where(i => i.Kind == ItemKind.Track).Select(i => i.Id), "@t", parameters);
            var episodes = InList(chunk.Where(i => i.Kind == ItemKind.Episode).Select(i => i.Id), "@e", parameters);
            foreach (var table in new[] { "item_totals", "item_breakdowns" })
            {
                await ExecuteAsync($"""
                    DELETE FROM {table} WHERE user_id = @user
                      AND ((kind = {(int)ItemKind.Track} AND item_id IN ({tracks})) OR (kind = {(int)ItemKind.Episode}
                          AND item_id IN ({episodes})))
                    """, parameters, cancellationToken);
            }
            var filter = $"AND (track_id IN ({tracks}) OR episode_id IN ({episodes}))";
            await InsertItemTotalsAsync(parameters, filter, cancellationToken);
            await InsertBreakdownsAsync(parameters, filter, cancellationToken);
        }
        await RefreshCatalogueTotalsAsync(userId, cancellationToken);
    }

    /// <summary>
    /// Recomputes the user's artist, album and show totals from their track and episode totals: a play counts for
    /// every artist credited on its track. Called with every change of the track totals, and when the catalogue
    /// changes a track's artists or album.
    /// </summary>
    public async Task RefreshCatalogueTotalsAsync(int userId, CancellationToken cancellationToken)
    {
        var user = new (string, object?)[] { ("@user", userId) };
        await ExecuteAsync($"""
            DELETE FROM item_totals WHERE user_id = @user AND kind IN ({(int)ItemKind.Artist}, {(int)ItemKind.Album},
                {(int)ItemKind.Show})
            """, user, cancellationToken);
        await InsertSumsAsync(ItemKind.Artist, ItemKind.Track, "JOIN track_artists c ON c.track_id = t.item_id",
            "c.artist_id");
        await InsertSumsAsync(ItemKind.Album, ItemKind.Track,
            "JOIN tracks c ON c.id = t.item_id AND c.album_id IS NOT NULL", "c.album_id");
        await InsertSumsAsync(ItemKind.Show, ItemKind.Episode, "JOIN episodes c ON c.id = t.item_id", "c.show_id");

        Task InsertSumsAsync(ItemKind kind, ItemKind from, string join, string id) =>
            ExecuteAsync($"""
                INSERT INTO item_totals (user_id, kind, item_id, plays, ms_played, all_plays, skips, completed,
                    with_end_reason,
                    first_played_at, last_played_at)
                SELECT t.user_id, {(int)kind}, {id}, SUM(t.plays), SUM(t.ms_played), SUM(t.all_plays), SUM(t.skips),
                    SUM(t.completed),
                    SUM(t.with_end_reason), MIN(t.first_played_at), MAX(t.last_played_at)
                FROM item_totals t {join}
                WHERE t.user_id = @user AND t.kind = {(int)from}
                GROUP BY t.user_id, {id}
                """, user, cancellationToken);
    }

    /// <summary>
    /// Records that the user's data changed, so the job that changed it builds charts and sessions anew.
    /// </summary>
    public Task MarkChangedAsync(int userId, CancellationToken cancellationToken) =>
        ExecuteAsync("""
            INSERT INTO rollup_states (user_id, data_version, charts_version, sessions_version) VALUES (@user, 1, 0, 0)
            ON CONFLICT (user_id) DO UPDATE SET data_version = rollup_states.data_version + 1
            """, [("@user", userId)], cancellationToken);

    /// <summary>
    /// Sets each play's <see cref="Play.Counted"/> for <paramref name="rule"/> and the items' known lengths.
    /// </summary>
    public Task RecountAsync(int userId, PlayCountRule rule, CancellationToken cancellationToken) =>
        ExecuteAsync($"""
            UPDATE plays SET counted = {CountedExpression(rule)} WHERE user_id = @user
            """, [("@user", userId)], cancellationToken);

    /// <summary>
    /// Recomputes <see cref="Play.Counted"/> of one import's plays, once the catalogue knows what it can of their
    /// lengths.
    /// </summary>
    public Task RecountImportAsync(int userId, int importId, PlayCountRule rule, CancellationToken cancellationToken) =>
        ExecuteAsync(
            $"UPDATE plays SET counted = {CountedExpression(rule)} WHERE user_id = @user AND import_id = @import",
            [("@user", userId), ("@import", importId)], cancellationToken);

    /// <summary>
    /// Recomputes <see cref="Play.Counted"/> of the plays of the given tracks, whose lengths just became known.
    /// </summary>
    public Task RecountTracksAsync(int userId, PlayCountRule rule, IReadOnlyCollection<int> trackIds,
        CancellationToken cancellationToken)
    {
        var parameters = new List<(string, object?)> { ("@user", userId) };
        var tracks = InList(trackIds, "@t", parameters);
        return ExecuteAsync(
            $"UPDATE plays SET counted = {CountedExpression(rule)} WHERE user_id = @user AND track_id IN ({tracks})",
            parameters, cancellationToken);
    }

    private Task InsertItemTotalsAsync(IEnumerable<(string, object?)> parameters, string filter,
        CancellationToken cancellationToken) =>
        ExecuteAsync($"""
            INSERT INTO item_totals (user_id, kind, item_id, plays, ms_played, all_plays, skips, completed,
                with_end_reason,
                first_played_at, last_played_at)
            SELECT user_id,
                CASE WHEN track_id IS NOT NULL THEN {(int)ItemKind.Track} ELSE {(int)ItemKind.Episode} END,
                COALESCE(track_id, episode_id),
                SUM(CASE WHEN counted THEN 1 ELSE 0 END), SUM(CASE WHEN counted THEN ms_played ELSE 0 END),
                COUNT(*), SUM({SkipExpression}),
                SUM(CASE WHEN reason_end = 'trackdone' THEN 1 ELSE 0 END),
                SUM(CASE WHEN reason_end IS NOT NULL THEN 1 ELSE 0 END),
                MIN(played_at), MAX(played_at)
            FROM plays
            WHERE user_id = @user AND {OnAcceptedDay} {filter}
            GROUP BY user_id, track_id, episode_id
            """, [.. parameters, .. AcceptedDays], cancellationToken);

    /// <summary>Each item's counted plays per local month, platform and country.</summary>
    private async Task InsertBreakdownsAsync(IReadOnlyCollection<(string, object?)> parameters, string filter,
        CancellationToken cancellationToken)
    {
        // Dates are ISO text on SQLite and ISO-formatted as text on PostgreSQL, so the month is the first seven
        // characters on both.
        (Facet Facet, string Value)[] facets =
        [
            (Facet.Month, "substr(CAST(local_date AS TEXT), 1, 7)"),
            (Facet.Platform, ValueSql(Dimension.Platform)),
            (Facet.Country, ValueSql(Dimension.Country)),
        ];
        foreach (var (facet, value) in facets)
        {
            await ExecuteAsync($"""
                INSERT INTO item_breakdowns (user_id, kind, item_id, facet, value, plays, ms_played)
                SELECT user_id,
                    CASE WHEN track_id IS NOT NULL THEN {(int)ItemKind.Track} ELSE {(int)ItemKind.Episode} END,
                    COALESCE(track_id, episode_id), {(int)facet}, {value}, COUNT(*), SUM(ms_played)
                FROM plays
                WHERE user_id = @user AND counted AND {OnAcceptedDay} {filter}
                GROUP BY user_id, track_id, episode_id, {value}
                """, [.. parameters, .. AcceptedDays], cancellationToken);
        }
    }

    /// <summary>
    /// The rule as SQL over a row of plays, as <see cref="PlayCountRules.Counts"/> has it: never a play of 0 ms; the
    /// item's length comes from the catalogue. Half of an unknown length is taken as 30 seconds, which is the 30-second
    /// rule.
    /// </summary>
    internal static string CountedExpression(PlayCountRule rule) => $"(ms_played > 0 AND {RuleExpression(rule)})";

    private static string RuleExpression(PlayCountRule rule) => rule switch
    {
        PlayCountRule.AllPlays => "TRUE",
        PlayCountRule.AtLeast30Seconds => $"(ms_played >= {PlayCountRules.MinimumMs})",
        PlayCountRule.AtLeastHalf => $"""
            (ms_played * 2 >= COALESCE(
                (SELECT duration_ms FROM tracks WHERE tracks.id = plays.track_id),
                (SELECT duration_ms FROM episodes WHERE episodes.id = plays.episode_id),
                {2 * PlayCountRules.MinimumMs}))
            """,
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, null),
    };

    /// <summary>
    /// A dimension's value as <see cref="Dimensions.Name"/> names it, as SQL over a row of plays or of daily_rollups.
    /// </summary>
    private static string ValueSql(Dimension dimension) => dimension switch
    {
        Dimension.Country or Dimension.Platform or Dimension.ReasonStart or Dimension.ReasonEnd =>
            $"COALESCE(NULLIF({dimension.Key()}, ''), '{Dimensions.Unknown}')",
        Dimension.Shuffle or Dimension.Skipped or Dimension.Offline or Dimension.Incognito =>
            $"CASE WHEN {dimension.Key()} THEN 'true' WHEN NOT {dimension.Key()} THEN 'false' ELSE " +
            $"'{Dimensions.Unknown}' END",
        Dimension.ContentType => "CASE content_type "
            + string.Concat(Enum.GetValues<ContentType>()
                .Select(type => $"WHEN {(int)type} THEN '{Dimensions.Name(type)}' "))
            + $"ELSE '{Dimensions.Unknown}' END",
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, null),
    };

    private static string InList(IEnumerable<int> ids, string prefix, List<(string, object?)> parameters)
    {
        var names = new List<string>();
        foreach (var id in ids)
        {
            var name = $"{prefix}{names.Count}";
            names.Add(name);
            parameters.Add((name, id));
        }
        // "IN (NULL)" matches nothing, and keeps the SQL valid when a kind has no items.
        return names.Count == 0 ? "NULL" : string.Join(", ", names);
    }

    private async Task ExecuteAsync(string sql, IEnumerable<(string Name, object? Value)> parameters,
        CancellationToken cancellationToken)
    {
        await using var command = DbCommands.Create(connection, transaction, sql, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
