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
        Services.AddSingleton<UserAccounts>(new ChangingAccounts(_changes));
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

    [Fact]
    public async Task Saving_again_takes_down_the_message_that_the_change_before_is_done()
    {
        // The page opens while an earlier change (the browser's zone, say) is applied, and says when it is done.
        _changes.Pending = ("America/Chicago", PlayCountRule.AtLeast30Seconds);
        var page = RenderSettings();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=settings-applying]")));
        _changes.Finish(applied: true);
        page.WaitForAssertion(() => Assert.Equal(
            ["The change is done: your history counts on the America/Chicago clock, with plays of at least 30 "
                + "seconds."],
            Shown()));

        await SaveAsync(page, "Asia/Tokyo");

        // While the new change is applied, nothing says it is done.
        page.WaitForAssertion(() =>
            Assert.Equal("Recounting your history on the Asia/Tokyo clock… figures update when it is done.",
                page.Find("[data-testid=settings-applying]").TextContent.Trim()));
        Assert.Empty(Shown());
    }

    [Fact]
    public async Task What_is_picked_while_an_earlier_change_is_applied_stays_picked_when_it_is_done()
    {
        _changes.Pending = ("America/Chicago", PlayCountRule.AtLeast30Seconds);
        var page = RenderSettings();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=settings-applying]")));
        var field = page.FindComponent<MudAutocomplete<string>>();
        await page.InvokeAsync(() => field.Instance.ValueChanged.InvokeAsync("Asia/Tokyo"));

        _changes.Finish(applied: true);

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=settings-applying]")));
        Assert.StartsWith("Asia/Tokyo", page.Find(ZoneField).GetAttribute("value"));
        Assert.False(page.Find("[data-testid=save-settings]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task A_change_applied_says_the_history_now_counts_with_it_and_shows_it()
    {
        var page = RenderSettings();
        page.WaitForAssertion(() => Assert.NotNull(page.Find(ZoneField)));
        await SaveAsync(page, "Asia/Tokyo");
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=settings-applying]")));

        _changes.Finish(applied: true);

        page.WaitForAssertion(() => Assert.Equal(["Your history now counts with the new settings."], Shown()));
        Assert.Empty(page.FindAll("[data-testid=settings-applying]"));
        Assert.Empty(page.FindAll("[data-testid=settings-error]"));
        Assert.StartsWith("Asia/Tokyo", page.Find(ZoneField).GetAttribute("value"));
    }

    [Fact]
    public async Task A_change_that_was_not_applied_says_so_and_what_to_do_instead_of_that_it_is_done()
    {
        var page = RenderSettings();
        page.WaitForAssertion(() => Assert.NotNull(page.Find(ZoneField)));
        await SaveAsync(page, "Asia/Tokyo");
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=settings-applying]")));

        // The job ended without applying it (it failed, say): the stored settings are still the old ones.
        _changes.Finish(applied: false);

        page.WaitForAssertion(() => Assert.Equal(
            "Your new settings were not applied: your history still counts on the Europe/Berlin clock, with plays of "
            + "at least 30 seconds. Save them again; if they are not applied again, the app's log says why.",
            page.Find("[data-testid=settings-error]").TextContent.Trim()));
        Assert.Empty(Shown());
        Assert.Empty(page.FindAll("[data-testid=settings-applying]"));
        // What the listener picked stays picked, ready to save again.
        Assert.StartsWith("Asia/Tokyo", page.Find(ZoneField).GetAttribute("value"));
        Assert.False(page.Find("[data-testid=save-settings]").HasAttribute("disabled"));
    }

    private const string ZoneField = "input[data-testid=time-zone], [data-testid=time-zone] input";

    private IRenderedComponent<Settings> RenderSettings() => RenderSignedIn<Settings>("/settings");

    /// <summary>Picks the zone and clicks Save; the click is not awaited, since it waits for the recount.</summary>
    private static async Task SaveAsync(IRenderedComponent<Settings> page, string zone)
    {
        var field = page.FindComponent<MudAutocomplete<string>>();
        await page.InvokeAsync(() => field.Instance.ValueChanged.InvokeAsync(zone));
        page.Find("[data-testid=save-settings]").Click();
    }

    /// <summary>The messages the page's snackbars show now.</summary>
    private List<string> Shown() =>
        Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => s.Message ?? "").ToList();

    /// <summary>
    /// Takes a change and keeps it pending until the test finishes it, applied to the stored settings or not. It
    /// answers later, as the job store's database does, not at once.
    /// </summary>
    private sealed class FakeSettingsChanges() : SettingsChanges(null!)
    {
        public List<(int UserId, string TimeZone, PlayCountRule Rule)> Scheduled { get; } = [];

        /// <summary>The change waiting or running, if any.</summary>
        public (string TimeZone, PlayCountRule Rule)? Pending { get; set; }

        /// <summary>The settings stored, as the page reads them.</summary>
        public (string TimeZone, PlayCountRule Rule) Stored { get; private set; } =
            ("Europe/Berlin", PlayCountRule.AtLeast30Seconds);

        public override async Task ScheduleAsync(int userId, string timeZone, PlayCountRule rule,
            CancellationToken cancellationToken)
        {
            await Task.Yield();
            Scheduled.Add((userId, timeZone, rule));
            Pending = (timeZone, rule);
        }

        public override Task<bool> IsPendingAsync(int userId, CancellationToken cancellationToken) =>
            Task.FromResult(Pending is not null);

        public void Finish(bool applied)
        {
            if (applied)
            {
                Stored = Pending!.Value;
            }
            Pending = null;
        }
    }

    /// <summary>The listener's account, with the settings the fake changes have stored.</summary>
    private sealed class ChangingAccounts(FakeSettingsChanges changes) : UserAccounts(null!, null!, null!)
    {
        public override Task<AccountSettings> GetSettingsAsync(int userId, CancellationToken cancellationToken) =>
            Task.FromResult(new AccountSettings(userId, "listener", "Test Listener", null, null, "premium", "DE",
                changes.Stored.TimeZone, true, changes.Stored.Rule, null,
                new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)));

        public override Task<TimeZoneInfo> GetTimeZoneAsync(int userId, CancellationToken cancellationToken) =>
            Task.FromResult(TimeZones.FindOrUtc(changes.Stored.TimeZone));
    }

    private sealed class NoConnection() : SpotifyConnections(null!, null!)
    {
        public override Task<SpotifyConnection?> GetAsync(int userId, CancellationToken cancellationToken) =>
            Task.FromResult<SpotifyConnection?>(null);
    }
}
