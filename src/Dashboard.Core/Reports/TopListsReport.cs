using System.Text.Json;
using Dashboard.Core.Analytics;

namespace Dashboard.Core.Reports;

/// <summary>
/// The top tracks, artists, albums and podcasts of a period, ranked exactly as the Top lists page ranks them,
/// with plays, listening time and the movement against the period before.
/// </summary>
public sealed class TopListsReport(TopListsService topLists)
{
    private static readonly TopKind[] Kinds = [TopKind.Tracks, TopKind.Artists, TopKind.Albums, TopKind.Podcasts];

    private static readonly string[] Columns =
        ["list", "rank", "name", "detail", "plays", "ms_played", "minutes_played", "movement", "previous_rank",
            "item_id"];

    internal async Task<int> WriteAsync(ReportContext context, Stream output, CancellationToken cancellationToken)
    {
        var lists = new List<TopList>();
        foreach (var kind in Kinds)
        {
            lists.Add(await topLists.GetAsync(context.User.UserId, kind, context.Parameters.Selection,
                context.Parameters.Limit ?? ReportRequests.DefaultTopLimit, cancellationToken));
        }
        var total = lists.Sum(l => l.Entries.Count);

        if (context.Report.Format == ReportFormat.Csv)
        {
            await using var csv = new CsvWriter(output);
            csv.Row(Columns);
            foreach (var list in lists)
            {
                foreach (var entry in list.Entries)
                {
                    csv.Text(ReportContext.Name(list.Kind));
                    csv.Number(entry.Item.Rank);
                    csv.Text(entry.Item.Name);
                    csv.Text(entry.Item.Detail);
                    csv.Number(entry.Item.Plays);
                    csv.Number(entry.Item.ListeningMs);
                    csv.Number(entry.Item.ListeningMs / 60_000.0, "0.0");
                    csv.Text(entry.Movement is { } movement ? ReportContext.Name(movement) : null);
                    csv.Number(entry.PreviousRank);
                    csv.Number(entry.Item.Id);
                    csv.EndRow();
                }
            }
            return total;
        }

        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        context.WriteMeta(json, total);
        json.WriteStartObject("data");
        foreach (var list in lists)
        {
            json.WriteStartArray(ReportContext.Name(list.Kind));
            foreach (var entry in list.Entries)
            {
                json.WriteStartObject();
                json.WriteNumber("rank", entry.Item.Rank);
                json.WriteNumber("id", entry.Item.Id);
                json.WriteString("name", entry.Item.Name);
                json.WriteString("detail", entry.Item.Detail);
                json.WriteNumber("plays", entry.Item.Plays);
                json.WriteNumber("ms_played", entry.Item.ListeningMs);
                json.WriteString("movement", entry.Movement is { } movement ? ReportContext.Name(movement) : null);
                if (entry.PreviousRank is { } previous)
                {
                    json.WriteNumber("previous_rank", previous);
                }
                else
                {
                    json.WriteNull("previous_rank");
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
        json.WriteEndObject();
        return total;
    }
}
