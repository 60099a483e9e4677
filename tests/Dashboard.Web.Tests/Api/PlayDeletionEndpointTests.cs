using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Web.Tests.Support;
using static Dashboard.Web.Tests.Support.ImportUploads;

namespace Dashboard.Web.Tests.Api;

/// <summary>
/// <c>DELETE /api/v1/history/{id}</c> and <c>DELETE /api/v1/history?start_date=&amp;end_date=</c>, on one app for the
/// class: each test signs in listeners of its own, and the figures after a delete are counted from the raw plays that
/// remain as well as read from the API.
/// </summary>
public sealed class PlayDeletionEndpointTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Deleting_the_plays_of_a_range_of_days_leaves_the_figures_of_the_rest_and_no_one_elses_changes()
    {
        using var listeners = await TwoListenersWithTheSampleAsync();
        var (listener, other) = (listeners.Listener, listeners.Other);
        var othersBefore = await ApiFigures.ReadAsync(other.Client);
        var (from, to) = (new DateOnly(2024, 10, 1), new DateOnly(2024, 10, 31));
        var plays = await ListeningOracle.LoadAsync(app.Factory, listener.UserId);
        var onThoseDays = plays.Plays.Count(p => p.LocalDay >= from && p.LocalDay <= to);

        var response = await listener.Client.DeleteAsync("/api/v1/history?start_date=2024-10-01&end_date=2024-10-31");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var deleted = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((onThoseDays, "2024-10-01", "2024-10-31"), (deleted.GetProperty("plays_deleted").GetInt32(),
            deleted.GetProperty("start_date").GetString(), deleted.GetProperty("end_date").GetString()));
        var left = await ListeningOracle.LoadAsync(app.Factory, listener.UserId);
        Assert.Equal(plays.Plays.Count - onThoseDays, left.Plays.Count);
        Assert.DoesNotContain(left.Plays, p => p.LocalDay >= from && p.LocalDay <= to);
        Assert.Equal(ApiFigures.Count(left), await ApiFigures.ReadAsync(listener.Client));
        Assert.Equal(othersBefore, await ApiFigures.ReadAsync(other.Client));
        Assert.True(onThoseDays > 100, $"{onThoseDays} plays in October");
    }

    [Fact]
    public async Task Deleting_one_play_takes_it_out_of_every_figure_and_another_listeners_play_is_not_found()
    {
        using var listeners = await TwoListenersWithTheSampleAsync();
        var (listener, other) = (listeners.Listener, listeners.Other);
        var othersBefore = await ApiFigures.ReadAsync(other.Client);
        var before = await ApiFigures.ReadAsync(listener.Client);
        var newest = await NewestPlayAsync(listener.Client);
        var othersNewest = await NewestPlayAsync(other.Client);

        var byOther = await other.Client.DeleteAsync($"/api/v1/history/{newest}");
        var othersByListener = await listener.Client.DeleteAsync($"/api/v1/history/{othersNewest}");
        var response = await listener.Client.DeleteAsync($"/api/v1/history/{newest}");
        var again = await listener.Client.DeleteAsync($"/api/v1/history/{newest}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        foreach (var notFound in new[] { byOther, othersByListener, again })
        {
            Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
            Assert.Equal("Play not found",
                (await notFound.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        }
        var after = await ApiFigures.ReadAsync(listener.Client);
        Assert.Equal(ApiFigures.Count(await ListeningOracle.LoadAsync(app.Factory, listener.UserId)), after);
        Assert.Equal(before.HistoryPlays - 1, after.HistoryPlays);
        Assert.NotEqual(newest, await NewestPlayAsync(listener.Client));
        Assert.Equal(othersBefore, await ApiFigures.ReadAsync(other.Client));
        Assert.Equal(othersNewest, await NewestPlayAsync(other.Client));
    }

    [Fact]
    public async Task Missing_or_bad_days_and_bad_ids_are_422_with_the_history_endpoints_errors()
    {
        using var listener = await app.Factory.SignInListenerWithoutSyncAsync();
        var client = listener.Client;

        var missing = await ProblemsAsync(await client.DeleteAsync("/api/v1/history"));
        const string backwardsDays = "/api/v1/history?start_date=2025-02-01&end_date=2025-01-01";
        var backwards = await ProblemsAsync(await client.DeleteAsync(backwardsDays));
        var listed = await ProblemsAsync(await client.GetAsync(backwardsDays));
        var notADay = await ProblemsAsync(
            await client.DeleteAsync("/api/v1/history?start_date=2025-02-30&end_date=2025-03-01"));
        var notAnId = await ProblemsAsync(await client.DeleteAsync("/api/v1/history/abc"));
        var zero = await ProblemsAsync(await client.DeleteAsync("/api/v1/history/0"));

        Assert.Equal(
            [
                "query/start_date: field required (value_error.missing)",
                "query/end_date: field required (value_error.missing)",
            ],
            missing);
        Assert.Equal(["query/end_date: end_date must not be before start_date (value_error)"], backwards);
        Assert.Equal(listed, backwards);
        Assert.Equal(["query/start_date: value is not a valid date (yyyy-MM-dd) (type_error.date)"], notADay);
        Assert.Equal(["path/id: value is not a valid id (a positive whole number) (type_error.integer)"], notAnId);
        Assert.Equal(notAnId, zero);
    }

    private sealed record Listeners(TestListener Listener, TestListener Other) : IDisposable
    {
        public void Dispose()
        {
            Listener.Dispose();
            Other.Dispose();
        }
    }

    private async Task<Listeners> TwoListenersWithTheSampleAsync()
    {
        var sample = await File.ReadAllBytesAsync(ExtendedSample);
        var listener = await app.Factory.SignInListenerWithoutSyncAsync();
        var other = await app.Factory.SignInListenerWithoutSyncAsync();
        await listener.Client.ImportAsync(("Streaming_History_Audio_2024_4.json", sample));
        await other.Client.ImportAsync(("Streaming_History_Audio_2024_4.json", sample));
        return new Listeners(listener, other);
    }

    private static async Task<long> NewestPlayAsync(HttpClient client)
    {
        var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/history?limit=1");
        return long.Parse(page.GetProperty("items")[0].GetProperty("id").GetString()!, CultureInfo.InvariantCulture);
    }

    /// <summary>A 422's problems as <c>loc: msg (type)</c>.</summary>
    private static async Task<List<string>> ProblemsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. body.GetProperty("detail").EnumerateArray().Select(p =>
            $"{string.Join('/', p.GetProperty("loc").EnumerateArray().Select(l => l.GetString()))}: " +
            $"{p.GetProperty("msg").GetString()} ({p.GetProperty("type").GetString()})")];
    }
}
