using Bunit;
using Dashboard.Core.Analytics;
using Dashboard.Core.Listening;
using Dashboard.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using HistoryPage = Dashboard.Web.Components.Pages.History.History;
using HistoryResult = Dashboard.Core.Analytics.HistoryPage;

namespace Dashboard.Web.Tests.Components;

/// <summary>Deleting plays from the History page: one, or every play of the days chosen, each once confirmed.</summary>
[NoDatabase]
public sealed class HistoryDeletionTests : DashboardComponentTest
{
    private static readonly DateTime Ended = new(2026, 11, 3, 22, 59, 0, DateTimeKind.Utc);

    private readonly OnePlayHistory _history = new();
    private readonly FakePlayDeletion _deletion = new();

    public HistoryDeletionTests()
    {
        Services.AddSingleton<HistoryService>(_history);
        Services.AddSingleton<PlayDeletion>(_deletion);
    }

    [Fact]
    public void Deleting_a_play_asks_first_naming_it_and_deletes_it_once_confirmed()
    {
        var page = RenderSignedIn<HistoryPage>("/history");
        var dialogs = Render<MudDialogProvider>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=history-row]")));

        // Not awaited: the click's handler waits for the listener's answer to the confirmation.
        page.Find("[data-testid=delete-play]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("Delete this play?", dialogs.Markup));
        Assert.Contains("This deletes 1 play: Idioteque, which ended at 23:59 on 3 Nov 2026 after 4:05. Every figure, "
                        + "chart and session follows. This cannot be undone.", dialogs.Find(".mud-dialog").TextContent);
        Button(dialogs, "Delete 1 play").Click();

        page.WaitForAssertion(() => Assert.Equal([(UserId, 41L)], _deletion.DeletedPlays));
        page.WaitForAssertion(() => Assert.Equal(2, _history.Reads));
    }

    [Fact]
    public void Keeping_the_play_deletes_nothing()
    {
        var page = RenderSignedIn<HistoryPage>("/history");
        var dialogs = Render<MudDialogProvider>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=history-row]")));

        page.Find("[data-testid=delete-play]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Delete this play?", dialogs.Markup));
        Button(dialogs, "Keep it").Click();

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        Assert.Empty(_deletion.DeletedPlays);
        Assert.Equal(1, _history.Reads);
    }

    [Fact]
    public void The_days_chosen_can_have_every_play_deleted_after_a_confirmation_with_their_count()
    {
        _deletion.Days = new RemovedPlays(412, new DateOnly(2025, 1, 2), new DateOnly(2025, 3, 30));
        var page = RenderSignedIn<HistoryPage>("/history?from=2025-01-01&to=2025-03-31&q=radio");
        var dialogs = Render<MudDialogProvider>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=history-row]")));

        page.Find("[data-testid=history-delete-days]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("Delete the plays of these days?", dialogs.Markup));
        Assert.Contains("This deletes all 412 plays from 1 Jan 2025 to 31 Mar 2025, including any the search and the "
                        + "other filters hide. Every figure, chart and session follows. This cannot be undone.",
            dialogs.Find(".mud-dialog").TextContent);
        Button(dialogs, "Delete 412 plays").Click();

        page.WaitForAssertion(() =>
            Assert.Equal([(UserId, new DateOnly(2025, 1, 1), new DateOnly(2025, 3, 31))], _deletion.DeletedDays));
        Assert.Empty(_deletion.DeletedPlays);
    }

    [Fact]
    public void Days_without_plays_say_so_and_ask_nothing()
    {
        var page = RenderSignedIn<HistoryPage>("/history?from=2025-01-01&to=2025-01-01");
        var dialogs = Render<MudDialogProvider>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=history-row]")));

        page.Find("[data-testid=history-delete-days]").Click();

        page.WaitForAssertion(() => Assert.Equal("There are no plays on 1 Jan 2025 to delete.",
            page.Find("[data-testid=history-delete-error]").TextContent.Trim()));
        Assert.Empty(dialogs.FindAll(".mud-dialog"));
        Assert.Empty(_deletion.DeletedDays);
    }

    [Theory]
    [InlineData("/history")]
    [InlineData("/history?from=2025-01-01")]
    [InlineData("/history?to=2025-01-31&q=radio")]
    public void Without_both_ends_of_a_range_of_days_there_is_no_deleting_days(string address)
    {
        var page = RenderSignedIn<HistoryPage>(address);

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=history-row]")));
        Assert.Empty(page.FindAll("[data-testid=history-delete-days]"));
    }

    private static AngleSharp.Dom.IElement Button(IRenderedComponent<MudDialogProvider> dialogs, string text) =>
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == text);

    /// <summary>A history of one play, whatever the query; counts how often it was read.</summary>
    private sealed class OnePlayHistory() : HistoryService(null!)
    {
        private int _reads;

        public int Reads => Volatile.Read(ref _reads);

        public override Task<HistoryResult> GetAsync(int userId, HistoryQuery query,
            CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _reads);
            var entry = new HistoryEntry(41, Ended, Ended.AddHours(1), 245_000, true, ContentType.Music, 3, null,
                "Idioteque", 1, "Radiohead", 5, "Kid A", null, null, null, 309_000, PlaySource.ExtendedHistory,
                "android", "DE", null, "trackdone", false, false, null);
            return Task.FromResult(new HistoryResult([entry], 1, 1, 50));
        }
    }
}
