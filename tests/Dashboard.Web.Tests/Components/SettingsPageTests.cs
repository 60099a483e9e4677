using Bunit;
using Dashboard.Core.Accounts;
using Dashboard.Core.Listening;
using Dashboard.Core.Spotify;
using Dashboard.Web.Components.Pages.Settings;
using Dashboard.Web.Jobs;
using Dashboard.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Dashboard.Web.Tests.Components;

[NoDatabase]
public sealed class SettingsPageTests : DashboardComponentTest
{
    private readonly FakeSettingsChanges _changes = new();

    public SettingsPageTests()
    {
        Services.AddSingleton<UserAccounts>(new FakeAccounts(zone: "Europe/Berlin"));
        Services.AddSingleton<SettingsChanges>(_changes);
        Services.AddSingleton<SpotifyConnections>(new NoConnection());
        Services.AddSingleton<ApiTokens>(new FakeApiTokens());
        Services.AddSingleton(TimeProvider.System);
        BrowserModule.Setup<string>("timeZone").SetResult("America/Chicago");
    }

    [Fact]
    public async Task The_time_zone_list_opens_with_every_zone_the_chosen_and_the_browsers_first()
    {
        var page = RenderSettings();
        page.WaitForAssertion(() => Assert.Contains("Use this browser's zone (America/Chicago)", page.Markup));
        var field = page.FindComponent<MudAutocomplete<string>>();

        // The field shows the chosen zone's label, and the list opens searched with it.
        var shown = page.Find(ZoneField).GetAttribute("value")!;
        var listed = (await field.Instance.SearchFunc!(shown, CancellationToken.None)!)!.ToList();

        Assert.Equal("Europe/Berlin (UTC+01:00)", shown);
        Assert.Equal(["Europe/Berlin", "America/Chicago"], listed.Take(2));
        Assert.Contains("Asia/Tokyo", listed);
        Assert.Equal(listed.Count, listed.Distinct().Count());
        Assert.True(listed.Count > 300, $"{listed.Count} zones listed");
        Assert.Null(field.Instance.MaxItems);
    }

    [Fact]
    public async Task Typing_part_of_a_zone_or_its_offset_narrows_the_list()
    {
        var page = RenderSettings();
        page.WaitForAssertion(() => Assert.NotNull(page.Find(ZoneField)));
        var search = page.FindComponent<MudAutocomplete<string>>().Instance.SearchFunc!;

        var byName = (await search("new york", CancellationToken.None)!)!;
        var byOffset = (await search("UTC+09:00", CancellationToken.None)!)!;

        Assert.Equal(["America/New_York"], byName);
        Assert.Contains("Asia/Tokyo", byOffset);
        Assert.DoesNotContain("Europe/Berlin", byOffset);
    }

    [Fact]
    public async Task Saving_a_new_zone_says_the_history_is_recounted_on_the_new_zones_clock()
    {
        var page = RenderSettings();
        page.WaitForAssertion(() => Assert.NotNull(page.Find(ZoneField)));
        var field = page.FindComponent<MudAutocomplete<string>>();

        await page.InvokeAsync(() => field.Instance.ValueChanged.InvokeAsync("Asia/Tokyo"));
        // Not awaited: the click waits for the recount, which goes on until the page closes.
        page.Find("[data-testid=save-settings]").Click();

        page.WaitForAssertion(() =>
            Assert.Equal("Recounting your history on the Asia/Tokyo clock… figures update when it is done.",
                page.Find("[data-testid=settings-applying]").TextContent.Trim()));
        Assert.Equal([(UserId, "Asia/Tokyo", PlayCountRule.AtLeast30Seconds)], _changes.Scheduled);
    }

    private const string ZoneField = "input[data-testid=time-zone], [data-testid=time-zone] input";

    private IRenderedComponent<Settings> RenderSettings() => RenderSignedIn<Settings>("/settings");

    /// <summary>
    /// Takes a change and keeps it pending: the recount never ends during a test. It answers later, as the job store's
    /// database does, not at once.
    /// </summary>
    private sealed class FakeSettingsChanges() : SettingsChanges(null!)
    {
        public List<(int UserId, string TimeZone, PlayCountRule Rule)> Scheduled { get; } = [];

        public override async Task ScheduleAsync(int userId, string timeZone, PlayCountRule rule,
            CancellationToken cancellationToken)
        {
            await Task.Yield();
            Scheduled.Add((userId, timeZone, rule));
        }

        public override Task<bool> IsPendingAsync(int userId, CancellationToken cancellationToken) =>
            Task.FromResult(Scheduled.Count > 0);
    }

    private sealed class NoConnection() : SpotifyConnections(null!, null!)
    {
        public override Task<SpotifyConnection?> GetAsync(int userId, CancellationToken cancellationToken) =>
            Task.FromResult<SpotifyConnection?>(null);
    }
}
