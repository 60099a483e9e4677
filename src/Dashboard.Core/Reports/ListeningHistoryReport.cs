using System.Text.Json;
using Dashboard.Core.Data;
using Dashboard.Core.Listening;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Reports;

/// <summary>
/// Every play of a range of local days, oldest first, as CSV or JSON. Streamed from the database to the file a
/// row at a time, so a lifetime of plays takes no more memory than a day's.
/// </summary>
public sealed class ListeningHistoryReport(IDbContextFactory<DashboardDbContext> dbFactory)
{
    private static readonly string[] Columns =
    [
        "played_at", "played_at_utc", "ms_played", "counted", "content_type", "name", "artist", "album", "show",
        "spotify_uri", "isrc", "source", "platform", "country", "reason_start", "reason_end", "shuffle", "skipped",
        "offline", "incognito", "context_uri",
    ];

    internal async Task<int> WriteAsync(ReportContext context, Stream output, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var plays = db.Plays.AsNoTracking()
            .Where(p => p.UserId == context.User.UserId && p.LocalDate >= context.Parameters.From
                && p.LocalDate <= context.Parameters.To);
        // Plays that arrive while the file is written (a sync, an import) are left for the next report: the
        // count in the header and the rows below must agree.
        var lastId = await plays.MaxAsync(p => (long?)p.Id, cancellationToken) ?? 0;
        var rows = Rows(plays.Where(p => p.Id <= lastId)).AsAsyncEnumerable();

        return context.Report.Format == ReportFormat.Csv
            ? await WriteCsvAsync(context, rows, output, cancellationToken)
            : await WriteJsonAsync(context, await plays.CountAsync(p => p.Id <= lastId, cancellationToken), rows,
                output, cancellationToken);
    }

    private static async Task<int> WriteCsvAsync(ReportContext context, IAsyncEnumerable<HistoryRow> rows,
        Stream output,
        CancellationToken cancellationToken)
    {
        await using var csv = new CsvWriter(output);
        csv.Row(Columns);
        var count = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            csv.Time(context.Local(row.PlayedAt));
            csv.Time(new DateTimeOffset(DateTime.SpecifyKind(row.PlayedAt, DateTimeKind.Utc)));
            csv.Number(row.MsPlayed);
            csv.Boolean(row.Counted);
            csv.Text(ReportContext.Name(row.ContentType));
            csv.Text(row.Name);
            csv.Text(row.Artist);
            csv.Text(row.Album);
            csv.Text(row.Show);
            csv.Text(row.SpotifyUri);
            csv.Text(row.Isrc);
            csv.Text(ReportContext.Name(row.Source));
            csv.Text(row.Platform);
            csv.Text(row.Country);
            csv.Text(row.ReasonStart);
            csv.Text(row.ReasonEnd);
            csv.Boolean(row.Shuffle);
            csv.Boolean(row.Skipped);
            csv.Boolean(row.Offline);
            csv.Boolean(row.Incognito);
            csv.Text(row.ContextUri);
            csv.EndRow();
            count++;
        }
        return count;
    }

    private static async Task<int> WriteJsonAsync(ReportContext context, int total, IAsyncEnumerable<HistoryRow> rows,
        Stream output,
        CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        context.WriteMeta(json, total);
        json.WriteStartArray("data");
        var count = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            json.WriteStartObject();
            json.WriteString("played_at", context.Local(row.PlayedAt));
            json.WriteString("played_at_utc", DateTime.SpecifyKind(row.PlayedAt, DateTimeKind.Utc));
            json.WriteNumber("ms_played", row.MsPlayed);
            json.WriteBoolean("counted", row.Counted);
            json.WriteString("content_type", ReportContext.Name(row.ContentType));
            json.WriteString("name", row.Name);
            json.WriteString("artist", row.Artist);
            json.WriteString("album", row.Album);
            json.WriteString("show", row.Show);
            json.WriteString("spotify_uri", row.SpotifyUri);
            json.WriteString("isrc", row.Isrc);
            json.WriteString("source", ReportContext.Name(row.Source));
            json.WriteString("platform", row.Platform);
            json.WriteString("country", row.Country);
            json.WriteString("reason_start", row.ReasonStart);
            json.WriteString("reason_end", row.ReasonEnd);
            WriteFlag(json, "shuffle", row.Shuffle);
            WriteFlag(json, "skipped", row.Skipped);
            WriteFlag(json, "offline", row.Offline);
            WriteFlag(json, "incognito", row.Incognito);
            json.WriteString("context_uri", row.ContextUri);
            json.WriteEndObject();
            if (++count % 1_000 == 0)
            {
                await json.FlushAsync(cancellationToken);
            }
        }
        json.WriteEndArray();
        json.WriteEndObject();
        return count;
    }

    private static void WriteFlag(Utf8JsonWriter json, string name, bool? value)
    {
        if (value is { } flag)
        {
            json.WriteBoolean(name, flag);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static IQueryable<HistoryRow> Rows(IQueryable<Play> plays) =>
        plays.OrderBy(p => p.PlayedAt).ThenBy(p => p.Id)
            .Select(p => new HistoryRow(
                p.PlayedAt, p.MsPlayed, p.Counted, p.ContentType,
                p.Track != null ? p.Track.Name : p.Episode!.Name,
                p.Track!.PrimaryArtist!.Name,
                p.Track.Album!.Name,
                p.Episode!.Show!.Name,
                p.Track != null
                    ? (p.Track.SpotifyId != null ? "spotify:track:" + p.Track.SpotifyId : null)
                    : (p.Episode!.SpotifyId != null ? "spotify:episode:" + p.Episode.SpotifyId : null),
                p.Track!.Isrc,
                p.Source, p.Platform, p.Country, p.ReasonStart, p.ReasonEnd, p.Shuffle, p.Skipped, p.Offline,
                p.Incognito,
                p.ContextUri));

    private sealed record HistoryRow(
        DateTime PlayedAt, int MsPlayed, bool Counted, ContentType ContentType, string Name, string? Artist,
        string? Album,
        string? Show, string? SpotifyUri, string? Isrc, PlaySource Source, string? Platform, string? Country,
        string? ReasonStart,
        string? ReasonEnd, bool? Shuffle, bool? Skipped, bool? Offline, bool? Incognito, string? ContextUri);
}
