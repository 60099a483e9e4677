using System.Data.Common;
using Dashboard.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Dashboard.Core.Tests.Data;

/// <summary>
/// The upgrade that gives every listener a catalogue of their own: rows two listeners shared are copied for each, and
/// what each of them sees (plays, credits, albums, artwork, totals, charts) is what they saw before.
/// </summary>
public sealed class CatalogueOwnersMigrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Shared_rows_are_copied_for_each_listener_and_every_figure_keeps_its_names()
    {
        await using var database = await TestDatabase.CreateEmptyAsync();
        await using var db = database.CreateContext();
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync("SyncCursorAndPause", Ct);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(Ct);
        await ExecuteAsync(connection, SharedCatalogue);
        if (database.Provider == DatabaseProvider.Postgres)
        {
            // The rows above name their ids; the app's rows take theirs from the sequences, which must follow.
            foreach (var table in new[] { "users", "artists", "albums", "tracks", "shows", "episodes", "plays" })
            {
                await ExecuteAsync(connection,
                    $"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))");
            }
        }
        var before = await ViewAsync(connection);

        await migrator.MigrateAsync(cancellationToken: Ct);

        Assert.Equal(before, await ViewAsync(connection));
        // Each listener has their own copy of what both played, and nothing of what nobody played.
        Assert.Equal(["1 A Only", "1 Shared Song", "2 Shared Song"],
            await LinesAsync(connection, "SELECT user_id, name FROM tracks"));
        Assert.Equal(["1 Named Only", "1 Shared Artist", "2 Named Only", "2 Shared Artist"],
            await LinesAsync(connection, "SELECT user_id, name FROM artists"));
        Assert.Equal(["1 Shared Album alb1 img-album", "2 Shared Album alb1 img-album"],
            await LinesAsync(connection, "SELECT user_id, name, spotify_id, image_url FROM albums"));
        Assert.Equal(["1 Shared Show", "2 Shared Show"],
            await LinesAsync(connection, "SELECT user_id, name FROM shows"));
        Assert.Equal(["1 Ep", "2 Ep"], await LinesAsync(connection, "SELECT user_id, name FROM episodes"));
        // Every reference stays inside one listener's catalogue.
        Assert.Empty(await LinesAsync(connection, """
            SELECT p.id FROM plays p LEFT JOIN tracks t ON t.id = p.track_id LEFT JOIN episodes e ON e.id = p.episode_id
            WHERE coalesce(t.user_id, e.user_id) <> p.user_id
            UNION ALL SELECT t.id FROM tracks t JOIN albums a ON a.id = t.album_id WHERE a.user_id <> t.user_id
            UNION ALL SELECT t.id FROM tracks t JOIN artists a ON a.id = t.primary_artist_id
                WHERE a.user_id <> t.user_id
            UNION ALL SELECT ta.track_id FROM track_artists ta JOIN tracks t ON t.id = ta.track_id JOIN artists a
                ON a.id = ta.artist_id
                WHERE a.user_id <> t.user_id
            UNION ALL SELECT a.id FROM albums a JOIN artists r ON r.id = a.primary_artist_id
                WHERE r.user_id <> a.user_id
            UNION ALL SELECT e.id FROM episodes e JOIN shows s ON s.id = e.show_id WHERE s.user_id <> e.user_id
            UNION ALL SELECT i.item_id FROM item_totals i
                LEFT JOIN tracks t ON i.kind = 0 AND t.id = i.item_id LEFT JOIN episodes e ON i.kind = 1
                    AND e.id = i.item_id
                LEFT JOIN artists ar ON i.kind = 2 AND ar.id = i.item_id LEFT JOIN albums al ON i.kind = 3
                    AND al.id = i.item_id
                LEFT JOIN shows s ON i.kind = 4 AND s.id = i.item_id
                WHERE coalesce(t.user_id, e.user_id, ar.user_id, al.user_id, s.user_id) <> i.user_id
            UNION ALL SELECT b.item_id FROM item_breakdowns b JOIN tracks t ON t.id = b.item_id WHERE b.kind = 0
                AND t.user_id <> b.user_id
            UNION ALL SELECT w.item_id FROM weekly_charts w LEFT JOIN tracks t ON w.chart = 0 AND t.id = w.item_id
                LEFT JOIN artists ar ON w.chart = 1 AND ar.id = w.item_id WHERE coalesce(t.user_id,
                    ar.user_id) <> w.user_id
            """));
    }

    /// <summary>
    /// Two listeners who share a song, its album and artists, a featured artist, and a podcast episode; one song only
    /// the first played; an artist, album and track nobody played (artwork from a sync).
    /// </summary>
    private const string SharedCatalogue = """
        INSERT INTO users (id, spotify_id, display_name, time_zone, play_count_rule, created_at, last_login_at) VALUES
            (1, 'a', 'A', 'UTC', 0, '2025-01-01 00:00:00', '2025-01-01 00:00:00'),
            (2, 'b', 'B', 'UTC', 0, '2025-01-01 00:00:00', '2025-01-01 00:00:00'),
            (3, 'c', 'C', 'UTC', 0, '2025-01-01 00:00:00', '2025-01-01 00:00:00');
        INSERT INTO artists (id, spotify_id, name, image_url, enrichment) VALUES
            (1, 'art1', 'Shared Artist', 'img-artist', 1), (2, NULL, 'Named Only', NULL, 0), (3, NULL, 'Orphan Artist',
                NULL, 0);
        INSERT INTO albums (id, spotify_id, name, primary_artist_id, image_url, enrichment) VALUES
            (1, 'alb1', 'Shared Album', 1, 'img-album', 1), (2, NULL, 'Orphan Album', 3, NULL, 0);
        INSERT INTO tracks (id, spotify_id, name, primary_artist_id, album_id, duration_ms, enrichment) VALUES
            (1, 'trk1', 'Shared Song', 1, 1, 200000, 1), (2, NULL, 'A Only', 2, NULL, NULL, 0), (3, NULL,
                'Orphan Track', 3, 2, NULL, 0);
        INSERT INTO track_artists (track_id, artist_id, position) VALUES (1, 1, 0), (1, 2, 1), (2, 2, 0), (3, 3, 0);
        INSERT INTO shows (id, spotify_id, name, kind, enrichment) VALUES (1, NULL, 'Shared Show', 0, 0);
        INSERT INTO episodes (id, spotify_id, name, show_id, enrichment) VALUES (1, 'ep1', 'Ep', 1, 0);
        INSERT INTO plays (user_id, played_at, ms_played, counted, content_type, track_id, episode_id, source,
            local_date, local_hour, local_weekday) VALUES
            (1, '2025-03-01 10:00:00', 200000, TRUE, 0, 1, NULL, 1, '2025-03-01', 10, 6),
            (1, '2025-03-02 10:00:00', 200000, TRUE, 0, 1, NULL, 1, '2025-03-02', 10, 0),
            (1, '2025-03-03 10:00:00', 150000, TRUE, 0, 2, NULL, 2, '2025-03-03', 10, 1),
            (1, '2025-03-04 10:00:00', 900000, TRUE, 1, NULL, 1, 1, '2025-03-04', 10, 2),
            (2, '2025-03-01 11:00:00', 200000, TRUE, 0, 1, NULL, 1, '2025-03-01', 11, 6),
            (2, '2025-03-05 11:00:00', 800000, TRUE, 1, NULL, 1, 1, '2025-03-05', 11, 3);
        INSERT INTO item_totals (user_id, kind, item_id, plays, ms_played, all_plays, skips, completed, with_end_reason,
            first_played_at, last_played_at) VALUES
            (1, 0, 1, 2, 400000, 2, 0, 0, 0, '2025-03-01 10:00:00', '2025-03-02 10:00:00'),
            (1, 0, 2, 1, 150000, 1, 0, 0, 0, '2025-03-03 10:00:00', '2025-03-03 10:00:00'),
            (1, 2, 1, 2, 400000, 2, 0, 0, 0, '2025-03-01 10:00:00', '2025-03-02 10:00:00'),
            (1, 3, 1, 2, 400000, 2, 0, 0, 0, '2025-03-01 10:00:00', '2025-03-02 10:00:00'),
            (1, 1, 1, 1, 900000, 1, 0, 0, 0, '2025-03-04 10:00:00', '2025-03-04 10:00:00'),
            (1, 4, 1, 1, 900000, 1, 0, 0, 0, '2025-03-04 10:00:00', '2025-03-04 10:00:00'),
            (2, 0, 1, 1, 200000, 1, 0, 0, 0, '2025-03-01 11:00:00', '2025-03-01 11:00:00'),
            (2, 2, 1, 1, 200000, 1, 0, 0, 0, '2025-03-01 11:00:00', '2025-03-01 11:00:00'),
            (2, 2, 2, 1, 200000, 1, 0, 0, 0, '2025-03-01 11:00:00', '2025-03-01 11:00:00'),
            (2, 3, 1, 1, 200000, 1, 0, 0, 0, '2025-03-01 11:00:00', '2025-03-01 11:00:00'),
            (2, 1, 1, 1, 800000, 1, 0, 0, 0, '2025-03-05 11:00:00', '2025-03-05 11:00:00'),
            (2, 4, 1, 1, 800000, 1, 0, 0, 0, '2025-03-05 11:00:00', '2025-03-05 11:00:00');
        INSERT INTO item_breakdowns (user_id, kind, item_id, facet, value, plays, ms_played) VALUES
            (1, 0, 1, 0, '2025-03', 2, 400000), (2, 0, 1, 0, '2025-03', 1, 200000);
        INSERT INTO weekly_charts (user_id, chart, week_start, position, item_id, plays, ms_played) VALUES
            (1, 0, '2025-02-24', 1, 1, 1, 200000), (1, 1, '2025-02-24', 1, 1, 1, 200000),
            (2, 0, '2025-02-24', 1, 1, 1, 200000), (2, 1, '2025-02-24', 1, 1, 1, 200000);
        """;

    /// <summary>
    /// What each listener's pages show, by name: plays with their credits, albums and shows; totals and charts.
    /// </summary>
    private static async Task<List<string>> ViewAsync(DbConnection connection)
    {
        var lines = new List<string>();
        lines.AddRange(await LinesAsync(connection, """
            SELECT p.user_id, p.played_at, t.name, t.spotify_id, t.duration_ms, al.name, al.spotify_id, al.image_url,
                ar.name, ar.image_url
            FROM plays p JOIN tracks t ON t.id = p.track_id
            LEFT JOIN albums al ON al.id = t.album_id LEFT JOIN artists ar ON ar.id = t.primary_artist_id
            """));
        lines.AddRange(await LinesAsync(connection, """
            SELECT p.user_id, p.played_at, ta.position, ar.name, ar.spotify_id
            FROM plays p JOIN track_artists ta ON ta.track_id = p.track_id JOIN artists ar ON ar.id = ta.artist_id
            """));
        lines.AddRange(await LinesAsync(connection, """
            SELECT p.user_id, p.played_at, e.name, e.spotify_id, s.name FROM plays p JOIN episodes e
                ON e.id = p.episode_id JOIN shows s ON s.id = e.show_id
            """));
        lines.AddRange(await LinesAsync(connection, """
            SELECT i.user_id, i.kind, coalesce(t.name, e.name, ar.name, al.name, s.name), i.plays, i.ms_played
                FROM item_totals i
            LEFT JOIN tracks t ON i.kind = 0 AND t.id = i.item_id LEFT JOIN episodes e ON i.kind = 1
                AND e.id = i.item_id
            LEFT JOIN artists ar ON i.kind = 2 AND ar.id = i.item_id LEFT JOIN albums al ON i.kind = 3
                AND al.id = i.item_id
            LEFT JOIN shows s ON i.kind = 4 AND s.id = i.item_id
            """));
        lines.AddRange(await LinesAsync(connection, """
            SELECT b.user_id, b.value, t.name, b.plays FROM item_breakdowns b JOIN tracks t ON t.id = b.item_id
                WHERE b.kind = 0
            """));
        lines.AddRange(await LinesAsync(connection, """
            SELECT w.user_id, w.chart, w.week_start, coalesce(t.name, ar.name) FROM weekly_charts w
            LEFT JOIN tracks t ON w.chart = 0 AND t.id = w.item_id LEFT JOIN artists ar ON w.chart = 1
                AND ar.id = w.item_id
            """));
        return lines;
    }

    private static async Task<List<string>> LinesAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var lines = new List<string>();
        while (await reader.ReadAsync(Ct))
        {
            lines.Add(
                string.Join(' ',
                    Enumerable.Range(0, reader.FieldCount)
                        .Select(i => reader.IsDBNull(i) ? "-" : Text(reader.GetValue(i)))));
        }
        return [.. lines.Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// The same text for a value, whichever provider read it: SQLite gives dates as text, PostgreSQL as dates.
    /// </summary>
    private static string Text(object value) => value switch
    {
        DateTime time =>
            time.ToString(time.TimeOfDay == TimeSpan.Zero
                && time.Kind == DateTimeKind.Unspecified ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss",
            System.Globalization.CultureInfo.InvariantCulture),
        DateOnly day => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!,
    };

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Ct);
    }
}
