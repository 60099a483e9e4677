using System.Globalization;
using System.Security.Claims;
using Bunit;
using Dashboard.Core.Accounts;
using Dashboard.Core.Analytics;
using Dashboard.Web.Components.Pages.Details;
using Dashboard.Web.Components.Pages.Trend;
using Dashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Components;

[NoDatabase]
public sealed class DetailPagesTests : DashboardComponentTest
{
    /// <summary>The listener's zone: 23:30 UTC on New Year's Eve is already New Year's Day there.</summary>
    private const string Zone = "Europe/Berlin";

    private readonly FakeDetailService _details = new();

    public DetailPagesTests()
    {
        Services.AddSingleton<UserAccounts>(new FakeAccounts(zone: Zone));
        Services.AddSingleton<DetailService>(_details);
    }

    [Fact]
    public void Shows_skeletons_while_the_item_loads()
    {
        _details.Next = new TaskCompletionSource<ItemDetail?>().Task;

        var page = RenderDetail<TrackDetail>(12);

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=detail-loading]")));
        Assert.Empty(page.FindAll("[data-testid=stat-plays]"));
    }

    [Fact]
    public void A_track_shows_its_figures_links_and_chart_run()
    {
        _details.Next = Task.FromResult<ItemDetail?>(Track());

        var page = RenderDetail<TrackDetail>(12);

        page.WaitForAssertion(() =>
            Assert.Equal("1,234", page.Find("[data-testid=stat-plays] .stat-card-value").TextContent));
        Assert.Equal([(UserId, DetailKind.Track, 12)], _details.Calls);
        Assert.Equal("Idioteque", page.Find("h1").TextContent);
        Assert.Equal(["artists/1", "artists/2"],
            page.FindAll("[data-testid=detail-artist]").Select(a => a.GetAttribute("href")));
        Assert.Equal("albums/5", page.Find("[data-testid=detail-album]").GetAttribute("href"));
        Assert.Equal("https://open.spotify.com/track/6LNoArVBBVZzUTUiAX2aKO",
            page.Find("[data-testid=open-in-spotify]").GetAttribute("href"));
        Assert.Contains("5:09", page.Find("[data-testid=detail-header]").TextContent);
        Assert.Contains("Released 2 Oct 2000", page.Find("[data-testid=detail-header]").TextContent);

        Assert.Contains("1,300 in all, counting short plays", page.Find("[data-testid=stat-plays]").TextContent);
        Assert.Equal("102 h", page.Find("[data-testid=stat-time] .stat-card-value").TextContent);
        Assert.Equal("0.4%", page.Find("[data-testid=stat-share] .stat-card-value").TextContent);
        Assert.Contains("0.5% of your plays", page.Find("[data-testid=stat-share]").TextContent);
        Assert.Equal("8%", page.Find("[data-testid=stat-skips] .stat-card-value").TextContent);
        Assert.Contains("104 of 1,300 plays skipped", page.Find("[data-testid=stat-skips]").TextContent);
        Assert.Equal("75%", page.Find("[data-testid=stat-completion] .stat-card-value").TextContent);
        Assert.Equal("1 Jan 2025", page.Find("[data-testid=stat-first] .stat-card-value").TextContent);
        Assert.Contains("at 00:30", page.Find("[data-testid=stat-first]").TextContent);
        Assert.Equal("3 Nov 2026", page.Find("[data-testid=stat-last] .stat-card-value").TextContent);
        Assert.Equal("#3", page.Find("[data-testid=stat-peak] .stat-card-value").TextContent);
        Assert.Contains("3 weeks in your weekly top 20", page.Find("[data-testid=stat-peak]").TextContent);

        Assert.Contains("Most played: March 2025, 900 plays", page.Find("[data-testid=plays-over-time]").TextContent);
        Assert.Equal(["January 2025", "March 2025"],
            page.FindAll("[data-testid=plays-over-time] figcaption tbody tr td:first-child")
            .Select(td => td.TextContent));
        Assert.Contains("Peak #3 · 3 weeks on the chart", page.Find("[data-testid=chart-run]").TextContent);
        Assert.Equal(["#7", "#3", "#12"],
            page.FindAll("[data-testid=chart-run] figcaption tbody tr td:last-child").Select(td => td.TextContent));
        Assert.Empty(page.FindAll("[data-testid=chart-run-empty]"));

        Assert.Equal(["Android 50%", "iOS 20%", "Windows 10%", "Linux 5%", "web 5%", "tv 4%", "Other (3) 6%"],
            Shares(page, "platforms"));
        Assert.Equal(["Germany 90%", "Unknown 10%"], Shares(page, "countries"));
        Assert.Empty(page.FindAll("[data-testid=top-tracks]"));
    }

    [Fact]
    public void An_artist_lists_its_top_tracks_and_albums_with_links()
    {
        _details.Next = Task.FromResult<ItemDetail?>(Track() with
        {
            Kind = DetailKind.Artist, Id = 1, Name = "Radiohead", Subtitle = "art rock, alternative", Artists = [],
                Album = null, DurationMs = null,
            ReleaseDate = null, SpotifyUri = "spotify:artist:4Z8W4fKeB5YxbusRsdQVPb",
            TopTracks = [new RankedItem(1, 12, "Idioteque", "Radiohead", null, 40, 1),
                new RankedItem(2, 13, "Airbag", "Radiohead", null, 30, 1)],
            TopAlbums = [new RankedItem(1, 5, "Kid A", "Radiohead", null, 60, 1)],
        });

        var page = RenderDetail<ArtistDetail>(1);

        page.WaitForAssertion(() => Assert.Equal("Radiohead", page.Find("h1").TextContent));
        Assert.Equal([(UserId, DetailKind.Artist, 1)], _details.Calls);
        Assert.Equal("art rock, alternative", page.Find("[data-testid=detail-subtitle]").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid=detail-album]"));
        Assert.Equal("https://open.spotify.com/artist/4Z8W4fKeB5YxbusRsdQVPb",
            page.Find("[data-testid=open-in-spotify]").GetAttribute("href"));
        Assert.Equal(["tracks/12", "tracks/13"],
            page.FindAll("[data-testid=top-tracks] a.top-list-name").Select(a => a.GetAttribute("href")));
        Assert.Equal(["albums/5"],
            page.FindAll("[data-testid=top-albums] a.top-list-name").Select(a => a.GetAttribute("href")));
        Assert.NotNull(page.Find("[data-testid=chart-run] figure"));
    }

    [Fact]
    public void An_album_lists_its_tracks_and_has_no_chart_run()
    {
        _details.Next = Task.FromResult<ItemDetail?>(Track() with
        {
            Kind = DetailKind.Album, Id = 5, Name = "Kid A", Artists = [new LinkedItem(1, "Radiohead")], Album = null,
                DurationMs = null,
            ChartHistory = [], TopTracks = [new RankedItem(1, 12, "Idioteque", "Radiohead", null, 40, 1)],
        });

        var page = RenderDetail<AlbumDetail>(5);

        page.WaitForAssertion(() => Assert.Equal("Kid A", page.Find("h1").TextContent));
        Assert.Equal(["artists/1"], page.FindAll("[data-testid=detail-artist]").Select(a => a.GetAttribute("href")));
        Assert.Equal(["tracks/12"],
            page.FindAll("[data-testid=top-tracks] a.top-list-name").Select(a => a.GetAttribute("href")));
        Assert.Empty(page.FindAll("[data-testid=chart-run]"));
        Assert.Empty(page.FindAll("[data-testid=stat-peak]"));
    }

    [Fact]
    public void A_show_lists_its_episodes_without_links()
    {
        _details.Next = Task.FromResult<ItemDetail?>(Track() with
        {
            Kind = DetailKind.Show, Id = 8, Name = "Song Exploder", Subtitle = "Hrishikesh Hirway", Artists = [],
                Album = null, DurationMs = null,
            CompletionRate = null, ChartHistory = [],
                TopTracks = [new RankedItem(1, 90, "Episode 12", "Song Exploder", null, 4, 1)],
        });

        var page = RenderDetail<ShowDetail>(8);

        page.WaitForAssertion(() => Assert.Equal("Song Exploder", page.Find("h1").TextContent));
        Assert.Equal("Hrishikesh Hirway", page.Find("[data-testid=detail-subtitle]").TextContent.Trim());
        Assert.Equal(["Episode 12"],
            page.FindAll("[data-testid=top-episodes] .top-list-name").Select(e => e.TextContent));
        Assert.Empty(page.FindAll("[data-testid=top-episodes] a"));
        Assert.Empty(page.FindAll("[data-testid=stat-completion]"));
        Assert.Empty(page.FindAll("[data-testid=chart-run]"));
    }

    [Theory]
    [InlineData(DetailKind.Artist, 1, "history?artist_id=1")]
    [InlineData(DetailKind.Track, 12, "history?track_id=12")]
    [InlineData(DetailKind.Album, 5, "history?album_id=5")]
    [InlineData(DetailKind.Show, 8, "history?show_id=8")]
    public void Every_play_keeps_the_history_to_the_item_by_its_id(DetailKind kind, int id, string link)
    {
        // By name, an artist's "Every play" also listed every artist whose name contains it.
        _details.Next = Task.FromResult<ItemDetail?>(Track() with { Kind = kind, Id = id, Name = $"{kind} {id}" });

        var href = kind switch
        {
            DetailKind.Artist => EveryPlayLink<ArtistDetail>(kind, id),
            DetailKind.Track => EveryPlayLink<TrackDetail>(kind, id),
            DetailKind.Album => EveryPlayLink<AlbumDetail>(kind, id),
            _ => EveryPlayLink<ShowDetail>(kind, id),
        };

        Assert.Equal(link, href);
    }

    private string? EveryPlayLink<TPage>(DetailKind kind, int id) where TPage : IComponent
    {
        var page = RenderDetail<TPage>(id);
        page.WaitForAssertion(() => Assert.Equal($"{kind} {id}", page.Find("h1").TextContent));
        return page.Find("[data-testid=detail-history]").GetAttribute("href");
    }

    [Fact]
    public void Platforms_are_named_as_Trend_names_them()
    {
        _details.Next = Task.FromResult<ItemDetail?>(Track() with
        {
            Platforms = [new NamedCount("osx", 6, 0.6), new NamedCount("web_player", 3, 0.3),
                new NamedCount("unknown", 1, 0.1)],
        });

        var page = RenderDetail<TrackDetail>(12);

        page.WaitForAssertion(() => Assert.Equal(["macOS 60%", "Web player 30%", "Unknown 10%"],
            Shares(page, "platforms")));
        Assert.Equal(["macOS", "Web player", "Unknown"],
            new[] { "osx", "web_player", "unknown" }.Select(p => DimensionNames.Value(Dimension.Platform, p)));
    }

    [Fact]
    public void A_track_that_never_charted_says_so()
    {
        _details.Next = Task.FromResult<ItemDetail?>(Track() with { ChartHistory = [] });

        var page = RenderDetail<TrackDetail>(12);

        page.WaitForAssertion(() =>
            Assert.Contains("Never in your weekly top 20", page.Find("[data-testid=chart-run-empty]").TextContent));
        Assert.Equal("Never", page.Find("[data-testid=stat-peak] .stat-card-value").TextContent);
    }

    [Fact]
    public void An_item_never_played_is_not_found()
    {
        _details.Next = Task.FromResult<ItemDetail?>(null);

        var page = RenderDetail<AlbumDetail>(404);

        page.WaitForAssertion(() =>
            Assert.Contains("Album not found", page.Find("[data-testid=detail-not-found]").TextContent));
        Assert.Equal([(UserId, DetailKind.Album, 404)], _details.Calls);
        Assert.Empty(page.FindAll("[data-testid=stat-plays]"));
    }

    [Fact]
    public void Another_id_in_the_address_loads_that_item()
    {
        _details.Next = Task.FromResult<ItemDetail?>(Track());
        var page = RenderDetail<TrackDetail>(12);
        page.WaitForAssertion(() => Assert.Equal("Idioteque", page.Find("h1").TextContent));

        _details.Next = Task.FromResult<ItemDetail?>(Track() with { Id = 13, Name = "Airbag" });
        page.Render(parameters => parameters.Add(p => p.Id, 13));

        page.WaitForAssertion(() => Assert.Equal("Airbag", page.Find("h1").TextContent));
        Assert.Equal([(UserId, DetailKind.Track, 12), (UserId, DetailKind.Track, 13)], _details.Calls);
    }

    [Fact]
    public void Shows_an_error_plainly_and_retries()
    {
        _details.Next = Task.FromException<ItemDetail?>(new InvalidOperationException("database is locked"));
        var page = RenderDetail<TrackDetail>(12);
        page.WaitForAssertion(() =>
            Assert.Contains("could not be loaded", page.Find("[data-testid=detail-error]").TextContent));
        Assert.DoesNotContain("database is locked", page.Markup);

        _details.Next = Task.FromResult<ItemDetail?>(Track());
        page.Find("[data-testid=detail-error] button").Click();

        page.WaitForAssertion(() =>
            Assert.Equal("1,234", page.Find("[data-testid=stat-plays] .stat-card-value").TextContent));
    }

    private IRenderedComponent<TPage> RenderDetail<TPage>(int id) where TPage : IComponent
    {
        AddAuthorization().SetAuthorized("Test Listener")
            .SetClaims(new Claim(ClaimTypes.NameIdentifier, UserId.ToString(CultureInfo.InvariantCulture)));
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return Render<TPage>(parameters => parameters.TryAdd("Id", id));
    }

    /// <summary>The name and share of each row of a share list.</summary>
    private static List<string> Shares<TPage>(IRenderedComponent<TPage> page, string testId) where TPage : IComponent =>
        page.FindAll($"[data-testid={testId}] [data-testid=share]")
            .Select(row =>
                $"{row.QuerySelector(".share-name")!.TextContent} {row.QuerySelector(".share-percent")!.TextContent}")
            .ToList();

    private static ItemDetail Track() => new(
        DetailKind.Track,
        Id: 12,
        Name: "Idioteque",
        ImageUrl: null,
        SpotifyUri: "spotify:track:6LNoArVBBVZzUTUiAX2aKO",
        Subtitle: "Radiohead, Björk",
        Artists: [new LinkedItem(1, "Radiohead"), new LinkedItem(2, "Björk")],
        Album: new LinkedItem(5, "Kid A"),
        DurationMs: 309_000,
        ReleaseDate: "2000-10-02",
        Plays: 1_234,
        ListeningMs: 102L * 3_600_000 + 50 * 60_000,
        AllPlays: 1_300,
        Skips: 104,
        CompletionRate: 0.75,
        FirstPlayedAt: new DateTime(2024, 12, 31, 23, 30, 0, DateTimeKind.Utc),
        LastPlayedAt: new DateTime(2026, 11, 3, 18, 0, 0, DateTimeKind.Utc),
        ShareOfPlays: 0.005,
        ShareOfTime: 0.004,
        OverTime:
        [
            new TrendPoint("2025-01", new DateOnly(2025, 1, 1), 334, 1),
            new TrendPoint("2025-03", new DateOnly(2025, 3, 1), 900, 1),
        ],
        ChartHistory:
        [
            new ChartPosition(new DateOnly(2025, 1, 6), 7),
            new ChartPosition(new DateOnly(2025, 1, 13), 3),
            new ChartPosition(new DateOnly(2025, 3, 3), 12),
        ],
        Platforms:
        [
            new NamedCount("android", 617, 0.5), new NamedCount("ios", 247, 0.2), new NamedCount("windows", 123, 0.1),
            new NamedCount("linux", 62, 0.05), new NamedCount("web", 62, 0.05), new NamedCount("tv", 49, 0.04),
            new NamedCount("car", 37, 0.03), new NamedCount("watch", 25, 0.02), new NamedCount("speaker", 12, 0.01),
        ],
        Countries: [new NamedCount("DE", 1_110, 0.9), new NamedCount("unknown", 124, 0.1)],
        TopTracks: [],
        TopAlbums: []);

    /// <summary>Answers with whatever the test sets in <see cref="Next"/> and records what it was asked.</summary>
    private sealed class FakeDetailService() : DetailService(null!)
    {
        public Task<ItemDetail?> Next { get; set; } = Task.FromResult<ItemDetail?>(null);

        private readonly List<(int UserId, DetailKind Kind, int Id)> _calls = [];

        /// <summary>The calls so far. The pages call from the thread pool: the list is locked.</summary>
        public List<(int UserId, DetailKind Kind, int Id)> Calls
        {
            get
            {
                lock (_calls)
                {
                    return [.. _calls];
                }
            }
        }

        public override Task<ItemDetail?> GetAsync(int userId, DetailKind kind, int id,
            CancellationToken cancellationToken)
        {
            lock (_calls)
            {
                _calls.Add((userId, kind, id));
            }
            return Next;
        }
    }
}
