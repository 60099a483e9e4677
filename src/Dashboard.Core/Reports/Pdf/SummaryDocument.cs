using System.Globalization;
using Dashboard.Core.Analytics;
using Dashboard.Core.Formatting;
using Dashboard.Core.Listening;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Dashboard.Core.Reports.Pdf;

/// <summary>
/// Lays out the period summary on two A4 pages: the period at a glance (headline figures, trend, clock) and
/// what filled it (top 10s, longest sessions, streaks). Every figure is drawn from <see cref="SummaryFigures"/>.
/// </summary>
internal static class SummaryDocument
{
    internal const double Margin = 40;
    internal const double PageWidth = 595.28;
    internal const double ContentWidth = PageWidth - 2 * Margin;
    private const int Pages = 2;

    public static void Write(SummaryFigures figures, Stream output)
    {
        var context = figures.Context;
        using var document = new PdfDocument();
        document.Info.Title = $"Listening summary, {Figures.Range(figures.Overview.Range)}";
        document.Info.Author = context.DisplayName;
        document.Info.Creator = "Dashboard";
        document.Info.CreationDate = context.GeneratedAt.UtcDateTime;

        DrawPage(document, 1, figures, AtAGlance);
        DrawPage(document, 2, figures, WhatFilledIt);
        document.Save(output, closeStream: false);
    }

    private static void DrawPage(PdfDocument document, int number, SummaryFigures figures,
        Action<PdfCanvas, SummaryFigures> draw)
    {
        var page = document.AddPage();
        page.Size = PageSize.A4;
        using var graphics = XGraphics.FromPdfPage(page);
        var canvas = new PdfCanvas(graphics);
        draw(canvas, figures);
        Footer(canvas, figures.Context, number, page.Height.Point);
    }

    private static void AtAGlance(PdfCanvas canvas, SummaryFigures figures)
    {
        var overview = figures.Overview;
        var context = figures.Context;

        canvas.Box(0, 0, PageWidth, 118, PdfCanvas.Ink);
        canvas.Box(0, 118, PageWidth, 4, PdfCanvas.Accent);
        canvas.Text("Dashboard", Margin, 26, 10, PdfCanvas.Accent, bold: true);
        canvas.Text("Listening summary", Margin, 42, 24, PdfCanvas.White, bold: true);
        canvas.Text(
            $"{context.DisplayName}  ·  {Figures.Range(overview.Range)}  ·  {Figures.Days(overview.Range.Days)}",
            Margin, 78, 11, PdfCanvas.Rule, width: ContentWidth);
        canvas.Text($"Time zone {context.Zone.Id}  ·  {RuleText(context.User.Rule)}", Margin, 96, 8.5,
            PdfCanvas.Blend(PdfCanvas.Muted, PdfCanvas.White, 0.35), width: ContentWidth);

        Tiles(canvas, overview, top: 146);

        Section(canvas, "Listening over time", $"Plays per {figures.Trend.Granularity.ToString().ToLowerInvariant()}",
            330);
        SummaryTrendChart.Draw(canvas, figures.Trend, top: 356, height: 196);

        Section(canvas, "Listening clock", $"Plays by weekday and hour, {context.Zone.Id} time", 582);
        Clock(canvas, overview, top: 608);
    }

    private static void WhatFilledIt(PdfCanvas canvas, SummaryFigures figures)
    {
        canvas.Box(0, 0, PageWidth, 64, PdfCanvas.Ink);
        canvas.Box(0, 64, PageWidth, 4, PdfCanvas.Accent);
        canvas.Text("What filled it", Margin, 22, 16, PdfCanvas.White, bold: true);
        canvas.Text(Figures.Range(figures.Overview.Range), Margin, 26, 9, PdfCanvas.Rule, width: ContentWidth,
            align: TextAlign.Right);

        Section(canvas, "Top tracks", $"Top {PeriodSummaryReport.TopCount} by plays", 88);
        RankTable(canvas, figures.Tracks, Margin, 114, ContentWidth, "Track", "Artist");

        const double gap = 16;
        var half = (ContentWidth - gap) / 2;
        Section(canvas, "Top artists", null, 350, Margin, half);
        RankTable(canvas, figures.Artists, Margin, 376, half, "Artist", detail: null);
        Section(canvas, "Top albums", null, 350, Margin + half + gap, half);
        RankTable(canvas, figures.Albums, Margin + half + gap, 376, half, "Album", detail: null);

        Section(canvas, "Sessions and streaks", "A session ends after 10 minutes without a play", 612);
        Sessions(canvas, figures, Margin, 638, 290);
        Facts(canvas, figures, Margin + 306, 638, ContentWidth - 306);
    }

    private static void Tiles(PdfCanvas canvas, ListeningOverview overview, double top)
    {
        const double gap = 12, height = 74;
        var width = (ContentWidth - 2 * gap) / 3;
        var current = overview.Current;
        var previous = overview.Previous;
        var tiles = new (string Label, string Value, double Now, double? Before)[]
        {
            ("Plays", Figures.Count(current.Plays), current.Plays, previous?.Plays),
            ("Listening time", Figures.Duration(current.ListeningMs), current.ListeningMs, previous?.ListeningMs),
            ("Days listened", $"{Figures.Count(current.ListeningDays)} of {Figures.Count(overview.Range.Days)}",
                current.ListeningDays, previous?.ListeningDays),
            ("Tracks", Figures.Count(current.UniqueTracks), current.UniqueTracks, previous?.UniqueTracks),
            ("Artists", Figures.Count(current.UniqueArtists), current.UniqueArtists, previous?.UniqueArtists),
            ("Albums", Figures.Count(current.UniqueAlbums), current.UniqueAlbums, previous?.UniqueAlbums),
        };
        for (var i = 0; i < tiles.Length; i++)
        {
            var (label, value, now, before) = tiles[i];
            var x = Margin + i % 3 * (width + gap);
            var y = top + i / 3 * (height + gap);
            canvas.Box(x, y, width, height, PdfCanvas.Tile, radius: 6);
            canvas.Box(x, y + 10, 3, height - 20, PdfCanvas.Accent);
            canvas.Text(label.ToUpperInvariant(), x + 14, y + 11, 7.5, PdfCanvas.Muted, bold: true);
            // A long figure ("3,653 of 3,653") is set smaller on the same baseline rather than cut.
            var size = canvas.SizeToFit(value, 19, width - 24, bold: true);
            canvas.Text(value, x + 14, y + 25 + (19 - size) * 0.93, size, PdfCanvas.Ink, bold: true, width: width - 24);
            var (text, color) = Figures.Change(now, before) switch
            {
                null => ("lifetime total", PdfCanvas.Muted),
                { Direction: > 0 } up => ($"▲ {up.Text} vs previous period", PdfCanvas.Accent),
                { Direction: < 0 } down => ($"▼ {down.Text} vs previous period", PdfCanvas.Down),
                var same => ($"{same.Text} vs previous period", PdfCanvas.Muted),
            };
            canvas.Text(text, x + 14, y + 53, 7.5, color, bold: color != PdfCanvas.Muted, width: width - 24);
        }
    }

    private static void Clock(PdfCanvas canvas, ListeningOverview overview, double top)
    {
        const double labels = 30, cellHeight = 17, gap = 2;
        var cellWidth = (ContentWidth - labels) / 24;
        if (overview.IsEmpty)
        {
            Empty(canvas, "No plays in this period.", top, 7 * (cellHeight + gap));
            return;
        }
        var plays = overview.Clock.ToDictionary(c => (c.Weekday, c.Hour), c => c.Plays);
        var busiest = overview.Clock.MaxBy(c => c.Plays)!;
        for (var weekday = 1; weekday <= 7; weekday++)
        {
            var y = top + (weekday - 1) * (cellHeight + gap);
            canvas.Text(Figures.Weekday(weekday), Margin, y + 3, 7.5, PdfCanvas.Muted);
            for (var hour = 0; hour < 24; hour++)
            {
                var count = plays.GetValueOrDefault((weekday, hour));
                var shade = count == 0 ? PdfCanvas.Tile
                    : PdfCanvas.Blend(PdfCanvas.AccentPale, PdfCanvas.Accent, 0.15 + 0.85 * count / busiest.Plays);
                canvas.Box(Margin + labels + hour * cellWidth, y, cellWidth - gap, cellHeight, shade, radius: 2);
            }
        }
        var axisTop = top + 7 * (cellHeight + gap) + 2;
        for (var hour = 0; hour < 24; hour += 3)
        {
            canvas.Text(hour.ToString("00", CultureInfo.InvariantCulture), Margin + labels + hour * cellWidth, axisTop,
                6.5, PdfCanvas.Muted);
        }
        canvas.Text(
            $"Busiest hour: {Figures.Weekday(busiest.Weekday)} {Figures.Hour(busiest.Hour)}, {Plays(busiest.Plays)}",
            Margin, axisTop + 16, 8.5, PdfCanvas.Ink, bold: true);

        // Legend: fewer → more.
        var legendRight = Margin + ContentWidth;
        var x = legendRight - 5 * 14 - canvas.Width("More", 7) - 4;
        canvas.Text("Fewer", x - canvas.Width("Fewer", 7) - 4, axisTop + 17, 7, PdfCanvas.Muted);
        for (var step = 0; step < 5; step++)
        {
            canvas.Box(x + step * 14, axisTop + 17, 12, 9,
                PdfCanvas.Blend(PdfCanvas.AccentPale, PdfCanvas.Accent, 0.15 + 0.85 * step / 4), radius: 2);
        }
        canvas.Text("More", x + 5 * 14 + 2, axisTop + 17, 7, PdfCanvas.Muted);
    }

    private static void RankTable(PdfCanvas canvas, TopList list, double left, double top, double width, string name,
        string? detail)
    {
        const double rowHeight = 20, rank = 20, plays = 42, time = 60;
        var nameWidth = (width - rank - plays - time) * (detail is null ? 1 : 0.58);
        var detailWidth = width - rank - plays - time - nameWidth;
        canvas.Text("#", left + 4, top, 7, PdfCanvas.Muted, bold: true);
        canvas.Text(name.ToUpperInvariant(), left + rank, top, 7, PdfCanvas.Muted, bold: true);
        if (detail is not null)
        {
            canvas.Text(detail.ToUpperInvariant(), left + rank + nameWidth, top, 7, PdfCanvas.Muted, bold: true);
        }
        canvas.Text("PLAYS", left + width - plays - time, top, 7, PdfCanvas.Muted, bold: true, width: plays - 8,
            align: TextAlign.Right);
        canvas.Text("TIME", left + width - time, top, 7, PdfCanvas.Muted, bold: true, width: time - 4,
            align: TextAlign.Right);
        canvas.Line(left, top + 12, left + width, top + 12, PdfCanvas.Rule);
        if (list.IsEmpty)
        {
            canvas.Text("Nothing played in this period.", left + 4, top + 20, 8.5, PdfCanvas.Muted);
            return;
        }

        var y = top + 15;
        foreach (var entry in list.Entries)
        {
            var item = entry.Item;
            if (item.Rank % 2 == 0)
            {
                canvas.Box(left, y, width, rowHeight, PdfCanvas.Tile);
            }
            canvas.Text(item.Rank.ToString(CultureInfo.InvariantCulture), left + 4, y + 5.5, 8, PdfCanvas.Muted,
                bold: true);
            canvas.Text(item.Name, left + rank, y + 5.5, 8.5, PdfCanvas.Ink, bold: item.Rank == 1,
                width: nameWidth - 8);
            if (detail is not null)
            {
                canvas.Text(item.Detail ?? "", left + rank + nameWidth, y + 5.5, 8.5, PdfCanvas.Muted,
                    width: detailWidth - 8);
            }
            canvas.Text(Figures.Count(item.Plays), left + width - plays - time, y + 5.5, 8.5, PdfCanvas.Ink,
                width: plays - 8, align: TextAlign.Right);
            canvas.Text(Figures.Duration(item.ListeningMs), left + width - time, y + 5.5, 8.5, PdfCanvas.Muted,
                width: time - 4, align: TextAlign.Right);
            y += rowHeight;
        }
    }

    private static void Sessions(PdfCanvas canvas, SummaryFigures figures, double left, double top, double width)
    {
        const double rowHeight = 20, length = 78, plays = 44, skips = 40;
        var started = width - length - plays - skips;
        canvas.Text("LONGEST SESSIONS", left + 4, top, 7, PdfCanvas.Muted, bold: true);
        canvas.Text("LENGTH", left + started, top, 7, PdfCanvas.Muted, bold: true, width: length - 8,
            align: TextAlign.Right);
        canvas.Text("PLAYS", left + started + length, top, 7, PdfCanvas.Muted, bold: true, width: plays - 8,
            align: TextAlign.Right);
        canvas.Text("SKIPS", left + started + length + plays, top, 7, PdfCanvas.Muted, bold: true, width: skips - 4,
            align: TextAlign.Right);
        canvas.Line(left, top + 12, left + width, top + 12, PdfCanvas.Rule);
        var sessions = figures.Habits.LongestSessions;
        if (sessions.Count == 0)
        {
            canvas.Text("No sessions in this period.", left + 4, top + 20, 8.5, PdfCanvas.Muted);
            return;
        }
        var y = top + 15;
        for (var i = 0; i < sessions.Count; i++)
        {
            var session = sessions[i];
            if (i % 2 == 1)
            {
                canvas.Box(left, y, width, rowHeight, PdfCanvas.Tile);
            }
            canvas.Text(session.LocalStart.ToString("ddd d MMM yyyy, HH:mm", Figures.Culture), left + 4, y + 5.5, 8.5,
                PdfCanvas.Ink, width: started - 8);
            canvas.Text(Figures.Span(session.Length), left + started, y + 5.5, 8.5, PdfCanvas.Ink, bold: i == 0,
                width: length - 8, align: TextAlign.Right);
            canvas.Text(Figures.Count(session.Plays), left + started + length, y + 5.5, 8.5, PdfCanvas.Muted,
                width: plays - 8, align: TextAlign.Right);
            canvas.Text(Figures.Count(session.Skips), left + started + length + plays, y + 5.5, 8.5, PdfCanvas.Muted,
                width: skips - 4, align: TextAlign.Right);
            y += rowHeight;
        }
    }

    private static void Facts(PdfCanvas canvas, SummaryFigures figures, double left, double top, double width)
    {
        var streaks = figures.Overview.Streaks;
        var habits = figures.Habits;
        var facts = new (string Label, string Value, string? Note)[]
        {
            ("Longest streak", Figures.Days(streaks.Longest),
                streaks.LongestRange is { } range ? Figures.Range(range) : null),
            (Figures.StreakName(streaks), Figures.Days(streaks.Current), null),
            ("Sessions", Figures.Count(habits.Sessions),
                habits.Sessions > 0 ? $"{Figures.Span(habits.AverageSession)} on average" : null),
            ("Skip rate", Figures.Percent(habits.SkipRate),
                $"{Figures.Count(habits.Skips)} of {Plays(habits.AllPlays)} skipped"),
        };
        canvas.Box(left, top - 4, width, facts.Length * 34 + 8, PdfCanvas.Tile, radius: 6);
        var y = top + 4;
        foreach (var (label, value, note) in facts)
        {
            canvas.Text(label.ToUpperInvariant(), left + 12, y, 7, PdfCanvas.Muted, bold: true);
            canvas.Text(value, left + 12, y + 10, 12, PdfCanvas.Ink, bold: true, width: width - 24);
            if (note is not null)
            {
                // Beside the figure where it fits whole, otherwise at the right of the label's line.
                var beside = width - 30 - canvas.Width(value, 12, bold: true);
                if (canvas.Width(note, 7.5) <= beside)
                {
                    canvas.Text(note, left + width - 12 - beside, y + 13, 7.5, PdfCanvas.Muted, width: beside);
                }
                else
                {
                    var room = width - 30 - canvas.Width(label.ToUpperInvariant(), 7, bold: true);
                    canvas.Text(note, left + width - 12 - room, y, canvas.SizeToFit(note, 7.5, room, smallest: 6.5),
                        PdfCanvas.Muted, width: room,
                        align: TextAlign.Right);
                }
            }
            y += 34;
        }
    }

    private static void Section(PdfCanvas canvas, string title, string? caption, double top, double left = Margin,
        double width = ContentWidth)
    {
        canvas.Text(title, left, top, 13, PdfCanvas.Ink, bold: true);
        if (caption is not null)
        {
            canvas.Text(caption, left, top + 3, 8, PdfCanvas.Muted, width: width, align: TextAlign.Right);
        }
    }

    internal static void Empty(PdfCanvas canvas, string message, double top, double height)
    {
        canvas.Box(Margin, top, ContentWidth, height, PdfCanvas.Tile, radius: 6);
        canvas.Text(message, Margin, top + height / 2 - 6, 10, PdfCanvas.Muted, width: ContentWidth,
            align: TextAlign.Center);
    }

    private static void Footer(PdfCanvas canvas, ReportContext context, int page, double pageHeight)
    {
        var y = pageHeight - 32;
        canvas.Line(Margin, y - 6, Margin + ContentWidth, y - 6, PdfCanvas.Rule);
        canvas.Text($"Dashboard  ·  listening summary for {context.DisplayName}", Margin, y, 7.5, PdfCanvas.Muted,
            width: ContentWidth * 0.6);
        canvas.Text(
            $"Made {context.GeneratedAt.UtcDateTime.ToString("d MMM yyyy, HH:mm", Figures.Culture)} UTC  ·  page " +
            $"{page} of {Pages}",
            Margin, y, 7.5, PdfCanvas.Muted, width: ContentWidth, align: TextAlign.Right);
    }

    private static string RuleText(PlayCountRule rule) => rule switch
    {
        PlayCountRule.AllPlays => "every play heard counts",
        PlayCountRule.AtLeast30Seconds => "plays of 30 seconds or more count",
        PlayCountRule.AtLeastHalf => "plays of half the track or more count",
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, null),
    };

    private static string Plays(int plays) => Figures.Count(plays, "play");
}
