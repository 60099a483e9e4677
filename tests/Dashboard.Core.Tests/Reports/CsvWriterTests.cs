using System.Text;
using System.Text.Json;
using Dashboard.Core.Reports;
using Dashboard.Core.Tests.Support;
using Microsoft.VisualBasic.FileIO;

namespace Dashboard.Core.Tests.Reports;

/// <summary>
/// The CSV the reports write, read back by .NET's RFC 4180 parser: text that a spreadsheet would run as a formula
/// is defused with a leading apostrophe, and nothing else is changed.
/// </summary>
public sealed class CsvWriterTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://example.com\",\"click\")")]
    [InlineData("+44 20 7946 0000")]
    [InlineData("-1 Degrees")]
    [InlineData("@SUM(A1:A2)")]
    [InlineData("\tTabbed")]
    [InlineData("\rReturned")]
    public async Task Text_that_a_spreadsheet_would_run_as_a_formula_gets_an_apostrophe(string value)
    {
        var fields = await WriteAndReadAsync(csv => csv.Text(value));

        Assert.Equal("'" + value, Assert.Single(fields));
    }

    [Theory]
    [InlineData("Gold Strömmarye")]
    [InlineData("1989 (Taylor's Version)")]
    [InlineData("'Til I Collapse")]
    [InlineData("Track = 2 + 3")]
    [InlineData("spotify:track:4uLU6hMCjMI75M1A2tKUQC")]
    public async Task Ordinary_text_is_written_as_it_is(string value)
    {
        var fields = await WriteAndReadAsync(csv => csv.Text(value));

        Assert.Equal(value, Assert.Single(fields));
    }

    [Fact]
    public async Task Numbers_negative_ones_too_are_written_unchanged_and_unquoted()
    {
        var (text, fields) = await WriteAsync(csv =>
        {
            csv.Number(-42);
            csv.Number(1_234_567_890_123);
            csv.Number(-0.25, "0.00");
            csv.Number(3.75, "0.0");
            csv.Number(null);
            csv.Boolean(false);
            csv.Time(new DateTimeOffset(2024, 3, 31, 2, 30, 0, TimeSpan.FromHours(-4)));
        });

        Assert.Equal("-42,1234567890123,-0.25,3.8,,false,2024-03-31T02:30:00-04:00\r\n", text);
        Assert.Equal(["-42", "1234567890123", "-0.25", "3.8", "", "false", "2024-03-31T02:30:00-04:00"], fields);
    }

    [Theory]
    [InlineData("Hello, Goodbye", "\"Hello, Goodbye\"")]
    [InlineData("The \"Best\" Of", "\"The \"\"Best\"\" Of\"")]
    [InlineData("Line one\nLine two", "\"Line one\nLine two\"")]
    [InlineData("Line one\r\nLine two", "\"Line one\r\nLine two\"")]
    [InlineData("=1,2", "\"'=1,2\"")]
    public async Task Commas_quotes_and_line_breaks_are_quoted_and_read_back_whole(string value, string written)
    {
        var (text, fields) = await WriteAsync(csv =>
        {
            csv.Text(value);
            csv.Number(7);
        });

        Assert.Equal($"{written},7\r\n", text);
        Assert.Equal([value.StartsWith('=') ? "'" + value : value, "7"], fields);
    }

    [Fact]
    public async Task A_file_starts_with_a_byte_order_mark_and_empty_text_is_an_empty_field()
    {
        using var stream = new MemoryStream();
        await using (var csv = new CsvWriter(stream))
        {
            csv.Row("a", "", "c");
        }

        Assert.Equal([0xEF, 0xBB, 0xBF, (byte)'a', (byte)',', (byte)',', (byte)'c', (byte)'\r', (byte)'\n'],
            stream.ToArray());
    }

    [Fact]
    public async Task A_listening_history_csv_defuses_formula_like_names_from_an_export_and_keeps_the_rest()
    {
        await using var host = await CoreTestHost.StartAsync(new DateTimeOffset(2024, 8, 10, 12, 0, 0, TimeSpan.Zero));
        var user = await host.AddUserAsync("listener");
        string[] names = ["=cmd|' /C calc'!A0", "+1 (Live)", "-Minus-", "@Home", "Hello, \"World\"\nPart 2",
            "Plain Song"];
        var records = names.Select((name, index) => new Dictionary<string, object?>
        {
            ["ts"] = $"2024-08-0{index + 1}T16:07:53Z",
            ["platform"] = "android",
            ["ms_played"] = 200_000 + index,
            ["conn_country"] = "AR",
            ["master_metadata_track_name"] = name,
            ["master_metadata_album_artist_name"] = index == 1 ? "=Artist" : "Artist",
            ["master_metadata_album_album_name"] = "Album",
            ["spotify_track_uri"] = $"spotify:track:{index}AAAAAAAAAAAAAAAAAAAAA",
            ["episode_name"] = null,
            ["episode_show_name"] = null,
            ["spotify_episode_uri"] = null,
            ["reason_start"] = "trackdone",
            ["reason_end"] = "trackdone",
            ["shuffle"] = false,
            ["skipped"] = false,
            ["offline"] = false,
            ["offline_timestamp"] = 1722614450,
            ["incognito_mode"] = false,
        });
        await host.ImportAsync(user.Id,
            ("Streaming_History_Audio_2024.json", JsonSerializer.SerializeToUtf8Bytes(records)));
        var reports = host.Get<ReportService>();
        var accepted = Assert.IsType<ReportRequestOutcome.Accepted>(
            await reports.RequestAsync(user.Id, new ReportRequest("listening_history", "csv", Period: "all_time"),
            CancellationToken.None));
        await reports.RunAsync(accepted.Report.Id, CancellationToken.None);
        var file = (await reports.FileAsync(user.Id, accepted.Report.Id, CancellationToken.None))!;

        using var parser = new TextFieldParser(file.Path, Encoding.UTF8) { TextFieldType = FieldType.Delimited,
            HasFieldsEnclosedInQuotes = true, TrimWhiteSpace = false };
        parser.SetDelimiters(",");
        var header = parser.ReadFields()!.ToList();
        var rows = new List<string[]>();
        while (!parser.EndOfData)
        {
            rows.Add(parser.ReadFields()!);
        }

        Assert.Equal(
            ["'=cmd|' /C calc'!A0", "'+1 (Live)", "'-Minus-", "'@Home", "Hello, \"World\"\nPart 2", "Plain Song"],
            rows.Select(r => r[header.IndexOf("name")]));
        Assert.Equal("'=Artist", rows[1][header.IndexOf("artist")]);
        Assert.Equal(
            names.Select((_, index) => (200_000 + index).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            rows.Select(r => r[header.IndexOf("ms_played")]));
    }

    private static async Task<string[]> WriteAndReadAsync(Action<CsvWriter> write) => (await WriteAsync(write)).Fields;

    /// <summary>One row written, as text (without the byte-order mark) and as the fields a CSV parser reads.</summary>
    private static async Task<(string Text, string[] Fields)> WriteAsync(Action<CsvWriter> write)
    {
        using var stream = new MemoryStream();
        await using (var csv = new CsvWriter(stream))
        {
            write(csv);
            csv.EndRow();
        }
        var text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetString(stream.ToArray().AsSpan(3));
        stream.Position = 0;
        using var parser = new TextFieldParser(stream, Encoding.UTF8)
        {
            TextFieldType = FieldType.Delimited,
            HasFieldsEnclosedInQuotes = true,
            TrimWhiteSpace = false,
        };
        parser.SetDelimiters(",");
        return (text, parser.ReadFields()!);
    }
}
