using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Core.Listening;
using Dashboard.Web.Jobs;
using Dashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Web.Tests.Support.ImportUploads;

namespace Dashboard.Web.Tests.Jobs;

/// <summary>
/// Settings changes as the Settings page saves them, applied by their job on the suite's provider (in memory beside
/// SQLite, the clustered job store on PostgreSQL). The app's clock runs two days ahead of the system's, as the browser
/// tests' clock can after the player's test moved it: the job must fire on the app's clock all the same.
/// </summary>
public sealed class SettingsJobTests(SettingsJobTests.AheadFixture app) : IClassFixture<SettingsJobTests.AheadFixture>
{
    /// <summary>
    /// Four plays around midnight in Tokyo (UTC+9, no daylight saving time), two of them shorter than 30 seconds.
    /// </summary>
    private static readonly byte[] Export = JsonArray(
        // 2 Jan. 08:00 UTC: 2 Jan. 17:00 in Tokyo.
        ExtendedRecord("2025-01-02T08:00:00Z", "4444444444444444444444", "Delta Song", "Delta", 200_000),
        // 2 Jan. 20:00 UTC: 3 Jan. 05:00 in Tokyo. A skip: counted only under the every-play rule.
        ExtendedRecord("2025-01-02T20:00:00Z", "5555555555555555555555", "Echo Song", "Echo", 20_000),
        // 2 Jan. 23:30 UTC: 3 Jan. 08:30 in Tokyo. Another skip.
        ExtendedRecord("2025-01-02T23:30:00Z", "4444444444444444444444", "Delta Song", "Delta", 10_000),
        // 3 Jan. 10:00 UTC: 3 Jan. 19:00 in Tokyo.
        ExtendedRecord("2025-01-03T10:00:00Z", "5555555555555555555555", "Echo Song", "Echo", 190_000));

    private const string TwoDays =
        "/api/v1/analytics/trend?period=custom&from=2025-01-02&to=2025-01-03&granularity=day";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Saving_a_new_zone_and_rule_recounts_each_day_on_the_new_clock_with_the_new_rule()
    {
        var factory = app.Factory;
        using var listener = await factory.SignInListenerWithoutSyncAsync();
        await listener.Client.ImportAsync(("Streaming_History_Audio_2025.json", Export));
        // On UTC, of plays of at least 30 seconds: one a day.
        Assert.Equal([("2025-01-02", 1, 200_000L), ("2025-01-03", 1, 190_000L)], await DaysAsync(listener.Client));
        var changes = factory.Services.GetRequiredService<SettingsChanges>();

        await changes.ScheduleAsync(listener.UserId, "Asia/Tokyo", PlayCountRule.AllPlays, Ct);
        await WaitForChangeAsync(changes, listener.UserId);

        await using var db = await factory.DbAsync();
        var user = await db.Users.SingleAsync(u => u.Id == listener.UserId, Ct);
        Assert.Equal(("Asia/Tokyo", PlayCountRule.AllPlays), (user.TimeZone, user.PlayCountRule));
        // On Tokyo's clock, of every play: the first on 2 January, the other three on the 3rd.
        Assert.Equal([("2025-01-02", 1, 200_000L), ("2025-01-03", 3, 220_000L)], await DaysAsync(listener.Client));
    }

    /// <summary>Waits, a bounded while, until no change of the user's is waiting or running.</summary>
    private static async Task WaitForChangeAsync(SettingsChanges changes, int userId)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            if (!await changes.IsPendingAsync(userId, Ct))
            {
                return;
            }
            await Task.Delay(100, Ct);
        }
        throw new TimeoutException($"The settings change of user {userId} did not end.");
    }

    /// <summary>Each day's counted plays and listening time, as the Trend page's API gives them.</summary>
    private static async Task<List<(string Day, int Plays, long Ms)>> DaysAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>(TwoDays, Ct)).GetProperty("points").EnumerateArray()
        .Select(p => (p.GetProperty("start").GetString()!, p.GetProperty("plays").GetInt32(),
            p.GetProperty("ms").GetInt64()))
        .ToList();

    /// <summary>An app whose clock runs two days ahead of the system's.</summary>
    public sealed class AheadFixture() : AppFixture(new DashboardFactory
    {
        Settings = QuietSchedule,
        Clock = new AheadClock(TimeSpan.FromDays(2)),
    });

    private sealed class AheadClock(TimeSpan lead) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + lead;
    }
}
