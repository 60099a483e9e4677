using Dashboard.Core.Analytics.Rollups;
using Dashboard.Core.Data;
using Dashboard.Core.Listening;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Analytics;

/// <summary>
/// Which plays the history shows. Dates are local days; text matches track, artist, album, episode and show names.
/// The ids keep one item of the catalogue (its detail page's "Every play"), where a name would also match every
/// other item whose name contains it.
/// </summary>
public sealed record HistoryQuery(
    int Page = 1,
    int PageSize = 50,
    string? Text = null,
    string? Artist = null,
    int? ArtistId = null,
    string? Track = null,
    int? TrackId = null,
    int? AlbumId = null,
    int? ShowId = null,
    DateOnly? From = null,
    DateOnly? To = null,
    PlaySource? Source = null,
    ContentType? ContentType = null,
    bool? Skipped = null,
    bool? Counted = null);

/// <summary>
/// One play as the history shows it. <see cref="LocalTime"/> is the end of the play in the user's zone;
/// <see cref="SpotifyId"/> is Spotify's id of the track or episode, null when the export gave none.
/// </summary>
public sealed record HistoryEntry(
    long Id,
    DateTime PlayedAt,
    DateTime LocalTime,
    int MsPlayed,
    bool Counted,
    ContentType ContentType,
    int? TrackId,
    int? EpisodeId,
    string Name,
    int? ArtistId,
    string? ArtistName,
    int? AlbumId,
    string? AlbumName,
    int? ShowId,
    string? ShowName,
    string? ImageUrl,
    int? DurationMs,
    PlaySource Source,
    string? Platform,
    string? Country,
    string? ReasonStart,
    string? ReasonEnd,
    bool? Shuffle,
    bool? Skipped,
    string? ContextUri,
    string? SpotifyId = null);

/// <summary>
/// The names of the items a query keeps by id, each null when the id is not given or not in the listener's catalogue.
/// </summary>
public sealed record HistoryItemNames(string? Artist, string? Track, string? Album, string? Show)
{
    public static readonly HistoryItemNames None = new(null, null, null, null);
}

/// <summary>A page of plays, and the listener's play-count rule, which decides each play's <c>Counted</c>.</summary>
public sealed record HistoryPage(IReadOnlyList<HistoryEntry> Items, int Total, int Page, int PageSize,
    PlayCountRule Rule = PlayCountRule.AtLeast30Seconds)
{
    public int Pages => Total == 0 ? 0 : (Total + PageSize - 1) / PageSize;
}

/// <summary>
/// Every play, newest first, a page at a time. Shows every play on an accepted day (see <see cref="AcceptedDates"/>),
/// counted or not, and says which count.
/// </summary>
public class HistoryService(IDbContextFactory<DashboardDbContext> dbFactory)
{
    public const int MaxPageSize = 100;

    /// <summary>The deepest page: a million pages hold more plays than a lifetime of listening.</summary>
    public const int MaxPage = 1_000_000;

    public virtual async Task<HistoryPage> GetAsync(int userId, HistoryQuery query, CancellationToken cancellationToken)
    {
        var page = Math.Clamp(query.Page, 1, MaxPage);
        var size = Math.Clamp(query.PageSize, 1, MaxPageSize);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await QueryUser.LoadAsync(db, userId, cancellationToken);
        var plays = Filter(db, userId, query, user.Zone);

        var total = await RolledUpTotalAsync(db, userId, query, cancellationToken)
            ?? await plays.CountAsync(cancellationToken);
        // The page's ids first, from the index, then only those plays with their names: paging over the joined rows
        // would read every play before the page.
        var ids = await plays
            .OrderByDescending(p => p.PlayedAt).ThenByDescending(p => p.Id)
            .Skip((page - 1) * size).Take(size)
            .Select(p => p.Id)
            .ToListAsync(cancellationToken);
        var rows = await db.Plays.AsNoTracking()
            .Where(p => ids.Contains(p.Id))
            .OrderByDescending(p => p.PlayedAt).ThenByDescending(p => p.Id)
            .Select(p => new
            {
                p.Id, p.PlayedAt, p.MsPlayed, p.Counted, p.ContentType, p.TrackId, p.EpisodeId,
                Name = p.Track != null ? p.Track.Name : p.Episode!.Name,
                SpotifyId = p.Track != null ? p.Track.SpotifyId : p.Episode!.SpotifyId,
                ArtistId = p.Track!.PrimaryArtistId, ArtistName = p.Track.PrimaryArtist!.Name,
                p.Track.AlbumId, AlbumName = p.Track.Album!.Name,
                ShowId = (int?)p.Episode!.ShowId, ShowName = p.Episode.Show!.Name,
                ImageUrl = p.Track != null ? p.Track.Album!.ImageUrl : p.Episode!.Show!.ImageUrl,
                DurationMs = p.Track != null ? p.Track.DurationMs : p.Episode!.DurationMs,
                p.Source, p.Platform, p.Country, p.ReasonStart, p.ReasonEnd, p.Shuffle, p.Skipped, p.ContextUri,
            })
            .ToListAsync(cancellationToken);
        var items = rows.Select(r =>
            new HistoryEntry(r.Id, r.PlayedAt, TimeZoneInfo.ConvertTimeFromUtc(r.PlayedAt, user.Zone), r.MsPlayed,
                r.Counted, r.ContentType, r.TrackId, r.EpisodeId, r.Name, r.ArtistId, r.ArtistName, r.AlbumId,
                r.AlbumName,
                r.EpisodeId is null ? null : r.ShowId, r.ShowName, r.ImageUrl, r.DurationMs, r.Source, r.Platform,
                r.Country,
                r.ReasonStart, r.ReasonEnd, r.Shuffle, r.Skipped, r.ContextUri, r.SpotifyId))
            .ToList();
        return new HistoryPage(items, total, page, size, user.Rule);
    }

    /// <summary>
    /// The names of the artist, track, album and show <paramref name="query"/> keeps by id, for the page to say whose
    /// plays it lists.
    /// </summary>
    public virtual async Task<HistoryItemNames> GetItemNamesAsync(int userId, HistoryQuery query,
        CancellationToken cancellationToken)
    {
        if (query is { ArtistId: null, TrackId: null, AlbumId: null, ShowId: null })
        {
            return HistoryItemNames.None;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return new HistoryItemNames(
            query.ArtistId is { } artist
                ? await db.Artists.Where(a => a.UserId == userId && a.Id == artist).Select(a => a.Name)
                    .SingleOrDefaultAsync(cancellationToken)
                : null,
            query.TrackId is { } track
                ? await db.Tracks.Where(t => t.UserId == userId && t.Id == track).Select(t => t.Name)
                    .SingleOrDefaultAsync(cancellationToken)
                : null,
            query.AlbumId is { } album
                ? await db.Albums.Where(a => a.UserId == userId && a.Id == album).Select(a => a.Name)
                    .SingleOrDefaultAsync(cancellationToken)
                : null,
            query.ShowId is { } show
                ? await db.Shows.Where(s => s.UserId == userId && s.Id == show).Select(s => s.Name)
                    .SingleOrDefaultAsync(cancellationToken)
                : null);
    }

    /// <summary>
    /// How many plays match, from the rollups when the filters are ones they keep: dates and content type from the
    /// day rollups, artists, tracks and text from the items' lifetime totals, counted or not from both. Counting a
    /// lifetime of plays for the pager would take longer than the page itself.
    /// </summary>
    private static async Task<int?> RolledUpTotalAsync(DashboardDbContext db, int userId, HistoryQuery query,
        CancellationToken cancellationToken)
    {
        if (query is not { Source: null, Skipped: null })
        {
            return null;
        }
        var items = ItemFilters(db, query);
        if (items.Count == 0)
        {
            var (from, to) = Days(query);
            var days = db.DimensionRollups.Where(r => r.UserId == userId && r.Dimension == Dimension.ContentType
                                                      && r.LocalDate >= from && r.LocalDate <= to);
            if (query.ContentType is { } type)
            {
                var value = Dimensions.Name(type);
                days = days.Where(r => r.Value == value);
            }
            return query.Counted switch
            {
                true => await days.SumAsync(r => r.Plays, cancellationToken),
                false => await days.SumAsync(r => r.AllPlays - r.Plays, cancellationToken),
                null => await days.SumAsync(r => r.AllPlays, cancellationToken),
            };
        }
        if (query is not { From: null, To: null, ContentType: null })
        {
            return null;
        }
        var tracks = db.ItemTotals.Where(t => t.UserId == userId && t.Kind == ItemKind.Track);
        var episodes = db.ItemTotals.Where(t => t.UserId == userId && t.Kind == ItemKind.Episode);
        foreach (var filter in items)
        {
            tracks = tracks.Where(t => filter.Tracks.Contains(t.ItemId));
            episodes = filter.Episodes is { } matching ? episodes.Where(t => matching.Contains(t.ItemId))
                : episodes.Where(t => false);
        }
        return query.Counted switch
        {
            true => await tracks.SumAsync(t => t.Plays, cancellationToken)
                + await episodes.SumAsync(t => t.Plays, cancellationToken),
            false => await tracks.SumAsync(t => t.AllPlays - t.Plays, cancellationToken)
                + await episodes.SumAsync(t => t.AllPlays - t.Plays, cancellationToken),
            null => await tracks.SumAsync(t => t.AllPlays, cancellationToken)
                + await episodes.SumAsync(t => t.AllPlays, cancellationToken),
        };
    }

    private static IQueryable<Play> Filter(DashboardDbContext db, int userId, HistoryQuery query, TimeZoneInfo zone)
    {
        // The accepted days as instants, which the (user, played_at) index that orders the page also filters on.
        var (start, end) = TimeZones.UtcBounds(AcceptedDates.First, AcceptedDates.Last, zone);
        var (first, afterLast) = (start!.Value, end!.Value);
        var plays = db.Plays.AsNoTracking()
            .Where(p => p.UserId == userId && p.PlayedAt >= first && p.PlayedAt < afterLast);
        if (query.From is { } from)
        {
            plays = plays.Where(p => p.LocalDate >= from);
        }
        if (query.To is { } to)
        {
            plays = plays.Where(p => p.LocalDate <= to);
        }
        if (query.Source is { } source)
        {
            plays = plays.Where(p => p.Source == source);
        }
        if (query.ContentType is { } type)
        {
            plays = plays.Where(p => p.ContentType == type);
        }
        if (query.Counted is { } counted)
        {
            plays = plays.Where(p => p.Counted == counted);
        }
        if (query.Skipped is { } skipped)
        {
            plays = skipped
                ? plays.Where(p => p.Skipped == true || (p.Skipped == null && p.ReasonEnd == "fwdbtn"))
                : plays.Where(p => p.Skipped == false || (p.Skipped == null && p.ReasonEnd != "fwdbtn"));
        }
        foreach (var filter in ItemFilters(db, query))
        {
            var tracks = filter.Tracks.Select(id => (int?)id);
            plays = filter.Episodes is { } matching
                ? plays.Where(p => tracks.Contains(p.TrackId) || matching.Select(id => (int?)id).Contains(p.EpisodeId))
                : plays.Where(p => tracks.Contains(p.TrackId));
        }
        return plays;
    }

    /// <summary>
    /// The tracks (and, for text, episodes) each of the artist, track and text filters keeps: names are matched in
    /// the catalogue first (thousands of rows), then plays by item through their (user, item) indexes, where a
    /// subquery per play would read every play.
    /// </summary>
    private static List<ItemFilter> ItemFilters(DashboardDbContext db, HistoryQuery query)
    {
        // ToLower runs in the database as SQL lower(), where .NET's culture has no say.
#pragma warning disable CA1304, CA1311
        var filters = new List<ItemFilter>();
        if (query.ArtistId is { } artistId)
        {
            filters.Add(new(db.TrackArtists.Where(ta => ta.ArtistId == artistId).Select(ta => ta.TrackId), null));
        }
        if (query.TrackId is { } trackId)
        {
            filters.Add(new(db.Tracks.Where(t => t.Id == trackId).Select(t => t.Id), null));
        }
        if (query.AlbumId is { } albumId)
        {
            filters.Add(new(db.Tracks.Where(t => t.AlbumId == albumId).Select(t => t.Id), null));
        }
        if (query.ShowId is { } showId)
        {
            filters.Add(new(db.Tracks.Where(t => false).Select(t => t.Id),
                db.Episodes.Where(e => e.ShowId == showId).Select(e => e.Id)));
        }
        if (Pattern(query.Artist) is { } artist)
        {
            filters.Add(
                new(db.TrackArtists.Where(ta => EF.Functions.Like(ta.Artist!.Name.ToLower(), artist, Escape))
                    .Select(ta => ta.TrackId), null));
        }
        if (Pattern(query.Track) is { } track)
        {
            filters.Add(
                new(db.Tracks.Where(t => EF.Functions.Like(t.Name.ToLower(), track, Escape)).Select(t => t.Id), null));
        }
        if (Pattern(query.Text) is { } text)
        {
            filters.Add(new(
                db.Tracks.Where(t => EF.Functions.Like(t.Name.ToLower(), text, Escape)
                                     || EF.Functions.Like(t.Album!.Name.ToLower(), text, Escape)
                                     || db.TrackArtists.Any(ta => ta.TrackId == t.Id
                                         && EF.Functions.Like(ta.Artist!.Name.ToLower(), text, Escape)))
                    .Select(t => t.Id),
                db.Episodes.Where(e => EF.Functions.Like(e.Name.ToLower(), text, Escape)
                || EF.Functions.Like(e.Show!.Name.ToLower(), text, Escape))
                    .Select(e => e.Id)));
        }
#pragma warning restore CA1304, CA1311
        return filters;
    }

    /// <summary>The local days the query keeps, within the accepted ones.</summary>
    private static (DateOnly From, DateOnly To) Days(HistoryQuery query) =>
        (AcceptedDates.Clamp(query.From ?? AcceptedDates.First), AcceptedDates.Clamp(query.To ?? AcceptedDates.Last));

    /// <summary>The tracks a filter keeps, and the episodes, or null when it keeps music only.</summary>
    private sealed record ItemFilter(IQueryable<int> Tracks, IQueryable<int>? Episodes);

    private const string Escape = "\\";

    /// <summary>
    /// A lower-case LIKE pattern that matches the text anywhere, with its own wildcards taken literally; names
    /// are lowered too, so the match ignores case on every database.
    /// </summary>
    private static string? Pattern(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? null
            : "%" + text.Trim().ToLowerInvariant().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
}
