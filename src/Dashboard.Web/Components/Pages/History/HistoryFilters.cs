using System.Globalization;
using Dashboard.Core.Analytics;
using Dashboard.Core.Listening;
using Dashboard.Web.Components.Shared;

namespace Dashboard.Web.Components.Pages.History;

/// <summary>
/// What the history is narrowed to, as the page's address holds it (<c>?q=radio&amp;type=music&amp;skipped=no</c>),
/// so a filtered view can be bookmarked and shared. Values the page cannot read are left out rather than refused, as
/// are days outside the accepted ones (<see cref="AcceptedDates"/>). The ids keep one artist, track, album or show
/// (<c>?artist_id=12</c>, from its detail page), where a name would keep every other whose name contains it.
/// </summary>
public sealed record HistoryFilters(
    string? Text = null,
    string? Artist = null,
    int? ArtistId = null,
    int? TrackId = null,
    int? AlbumId = null,
    int? ShowId = null,
    DateOnly? From = null,
    DateOnly? To = null,
    PlaySource? Source = null,
    ContentType? ContentType = null,
    bool? Skipped = null,
    bool? Counted = null)
{
    public static readonly HistoryFilters None = new();

    public static readonly IReadOnlyList<PlaySource> Sources = [PlaySource.ExtendedHistory, PlaySource.AccountData,
        PlaySource.Sync];

    public static readonly IReadOnlyList<ContentType> ContentTypes = Enum.GetValues<ContentType>();

    /// <summary>The address parameters every filter uses, for clearing them all at once.</summary>
    public static readonly IReadOnlyList<string> Keys = ["q", "artist", "artist_id", "track_id", "album_id", "show_id",
        "from", "to", "source", "type", "skipped", "counted"];

    public bool IsEmpty => this == None;

    /// <summary>
    /// The filters in the address, whose parameters <paramref name="parameter"/> gives by name; what cannot be read is
    /// noted in <paramref name="check"/>.
    /// </summary>
    public static HistoryFilters Parse(Func<string, string?> parameter, AddressCheck? check = null)
    {
        var reader = new Reader(parameter, check);
        var start = reader.Day("from");
        var end = reader.Day("to");
        // A range typed backwards still means the days between.
        if (start > end)
        {
            (start, end) = (end, start);
        }
        return new HistoryFilters(
            Clean(parameter("q")),
            Clean(parameter("artist")),
            reader.Id("artist_id"),
            reader.Id("track_id"),
            reader.Id("album_id"),
            reader.Id("show_id"),
            start,
            end,
            reader.OneOf("source", Sources, Key),
            reader.OneOf("type", ContentTypes, Key),
            reader.YesOrNo("skipped"),
            reader.YesOrNo("counted"));
    }

    /// <summary>A page number: a whole number from 1; 1 when there is none or it cannot be read (noted).</summary>
    public static int Page(string? text, AddressCheck? check = null) =>
        new Reader(name => name == "page" ? text : null, check).Id("page") ?? 1;

    public HistoryQuery ToQuery(int page, int pageSize) =>
        new(page, pageSize, Text, Artist, ArtistId: ArtistId, TrackId: TrackId, AlbumId: AlbumId, ShowId: ShowId,
            From: From, To: To, Source: Source, ContentType: ContentType, Skipped: Skipped, Counted: Counted);

    /// <summary>These filters as address parameters; a filter that is not set removes its parameter.</summary>
    public Dictionary<string, object?> ToParameters() => new()
    {
        ["q"] = Text,
        ["artist"] = Artist,
        ["artist_id"] = ArtistId,
        ["track_id"] = TrackId,
        ["album_id"] = AlbumId,
        ["show_id"] = ShowId,
        ["from"] = From?.ToString(Periods.DateFormat, CultureInfo.InvariantCulture),
        ["to"] = To?.ToString(Periods.DateFormat, CultureInfo.InvariantCulture),
        ["source"] = Source is { } source ? Key(source) : null,
        ["type"] = ContentType is { } type ? Key(type) : null,
        ["skipped"] = Skipped is { } skipped ? Key(skipped) : null,
        ["counted"] = Counted is { } counted ? Key(counted) : null,
    };

    public static string Key(PlaySource source) => source switch
    {
        PlaySource.ExtendedHistory => "export",
        PlaySource.AccountData => "account",
        PlaySource.Sync => "sync",
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, null),
    };

    public static string Key(ContentType type) => type.ToString().ToLowerInvariant();

    /// <summary>A yes-or-no filter (skipped, counted) as the address writes it.</summary>
    public static string Key(bool yes) => yes ? "yes" : "no";

    /// <summary>A yes-or-no filter read from the address: null for anything but <c>yes</c> and <c>no</c>.</summary>
    public static bool? YesOrNo(string? key) => key switch { "yes" => true, "no" => false, _ => null };

    public static string Label(PlaySource source) => source switch
    {
        PlaySource.ExtendedHistory => "Export",
        PlaySource.AccountData => "Account data",
        PlaySource.Sync => "Sync",
        _ => source.ToString(),
    };

    /// <summary>Where a play came from, in a sentence, for the tooltip and screen readers.</summary>
    public static string Description(PlaySource source) => source switch
    {
        PlaySource.ExtendedHistory => "Imported from your extended streaming history",
        PlaySource.AccountData => "Imported from your account data (names only, to the minute)",
        PlaySource.Sync => "Synced from Spotify's recently played",
        _ => source.ToString(),
    };

    /// <summary>Reads the address's parameters, noting each that cannot be read.</summary>
    private sealed class Reader(Func<string, string?> parameter, AddressCheck? check)
    {
        /// <summary>A whole number from 1 (an id, a page).</summary>
        public int? Id(string name)
        {
            var text = parameter(name);
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
            {
                return id;
            }
            Note(name, text, "must be a whole number from 1");
            return null;
        }

        /// <summary>A local day within the accepted ones.</summary>
        public DateOnly? Day(string name)
        {
            var text = parameter(name);
            if (!Periods.TryParseDate(text, out var day))
            {
                Note(name, text, "must be a date as yyyy-MM-dd");
                return null;
            }
            if (!AcceptedDates.Contains(day))
            {
                Note(name, text, AcceptedDates.OutsideMessage);
                return null;
            }
            return day;
        }

        public T? OneOf<T>(string name, IReadOnlyList<T> values, Func<T, string> key) where T : struct
        {
            var text = parameter(name);
            if (values.Cast<T?>().FirstOrDefault(v => key(v!.Value) == text) is { } value)
            {
                return value;
            }
            Note(name, text, $"must be one of {string.Join(", ", values.Select(key))}");
            return null;
        }

        public bool? YesOrNo(string name)
        {
            var text = parameter(name);
            var answer = HistoryFilters.YesOrNo(text);
            if (answer is null)
            {
                Note(name, text, "must be yes or no");
            }
            return answer;
        }

        /// <summary>A parameter given but not usable; one not given is no problem.</summary>
        private void Note(string name, string? text, string why)
        {
            if (!string.IsNullOrEmpty(text))
            {
                check?.Ignore(name, text, why);
            }
        }
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
