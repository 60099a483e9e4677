using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Core.Imports;
using Dashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Dashboard.Web.Tests.Support.ImportUploads;

namespace Dashboard.Web.Tests.Api;

/// <summary>
/// <c>DELETE /api/v1/history/imports/{id}</c>, on one app for the class: each test signs in listeners of its own, and
/// their figures are counted from their raw plays as well as read from the API.
/// </summary>
public sealed class ImportUndoEndpointTests(AppFixture app) : IClassFixture<AppFixture>
{
    /// <summary>Three plays of new tracks on 2 and 3 January 2025 (UTC, the listeners' zone).</summary>
    private static readonly byte[] SecondExport = JsonArray(
        ExtendedRecord("2025-01-02T08:00:00Z", "4444444444444444444444", "Delta Song", "Delta", 200_000),
        ExtendedRecord("2025-01-02T08:04:00Z", "5555555555555555555555", "Echo Song", "Echo", 190_000),
        ExtendedRecord("2025-01-03T21:30:00Z", "4444444444444444444444", "Delta Song", "Delta", 20_000));

    [Fact]
    public async Task Undoing_an_import_deletes_its_plays_and_every_figure_is_as_before_it_for_its_owner_alone()
    {
        var factory = app.Factory;
        using var listener = await factory.SignInListenerWithoutSyncAsync();
        using var other = await factory.SignInListenerWithoutSyncAsync();
        var sample = await File.ReadAllBytesAsync(ExtendedSample);
        await listener.Client.ImportAsync(("Streaming_History_Audio_2024_4.json", sample));
        await other.Client.ImportAsync(("Streaming_History_Audio_2024_4.json", sample));
        var before = await ApiFigures.ReadAsync(listener.Client);
        Assert.Equal(ApiFigures.Count(await ListeningOracle.LoadAsync(factory, listener.UserId)), before);
        var othersBefore = await ApiFigures.ReadAsync(other.Client);
        var second = (await listener.Client.ImportAsync(("Streaming_History_Audio_2025.json", SecondExport)))
            .GetProperty("job_id").GetString();
        Assert.NotEqual(before, await ApiFigures.ReadAsync(listener.Client));

        var byOther = await other.Client.DeleteAsync($"/api/v1/history/imports/{second}");
        var response = await listener.Client.DeleteAsync($"/api/v1/history/imports/{second}");

        Assert.Equal(HttpStatusCode.NotFound, byOther.StatusCode);
        Assert.Equal("Import not found",
            (await byOther.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var undone = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((second, "removed", 3, 0, "2025-01-02", "2025-01-03"), (undone.GetProperty("job_id").GetString(),
            undone.GetProperty("status").GetString(), undone.GetProperty("plays_removed").GetInt32(),
            undone.GetProperty("plays_restored").GetInt32(), undone.GetProperty("first_day").GetString(),
            undone.GetProperty("last_day").GetString()));
        Assert.Equal(before, await ApiFigures.ReadAsync(listener.Client));
        Assert.Equal(before, ApiFigures.Count(await ListeningOracle.LoadAsync(factory, listener.UserId)));
        Assert.Equal(othersBefore, await ApiFigures.ReadAsync(other.Client));
        var job = await listener.Client.GetFromJsonAsync<JsonElement>($"/api/v1/history/import/{second}");
        Assert.Equal("removed", job.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.String, job.GetProperty("removed_at").ValueKind);
        Assert.Equal(3, job.GetProperty("inserted").GetInt32());

        var again = await listener.Client.DeleteAsync($"/api/v1/history/imports/{second}");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("This import was undone already: the plays it added are gone.",
            (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_import_still_waiting_or_running_is_refused_with_409_and_an_unknown_one_is_404()
    {
        var factory = app.Factory;
        using var listener = await factory.SignInListenerWithoutSyncAsync();
        int waiting, running;
        await using (var db = await factory.DbAsync())
        {
            var imports = new[] { ImportStatus.Pending, ImportStatus.Running }
                .Select(status => new Import
                {
                    UserId = listener.UserId, Status = status, FileNames = "a.json", StoragePath = "/nonexistent",
                })
                .ToList();
            db.Imports.AddRange(imports);
            await db.SaveChangesAsync();
            (waiting, running) = (imports[0].Id, imports[1].Id);
        }

        var responses = new[]
        {
            await listener.Client.DeleteAsync($"/api/v1/history/imports/{waiting}"),
            await listener.Client.DeleteAsync($"/api/v1/history/imports/{running}"),
        };
        var unknown = await listener.Client.DeleteAsync("/api/v1/history/imports/2147483647");

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        foreach (var response in responses)
        {
            Assert.Equal("This import is still running. Wait for it to end, or cancel it, before undoing it.",
                (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        }
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        await using var check = await factory.DbAsync();
        Assert.Equal([ImportStatus.Pending, ImportStatus.Running],
            await check.Imports.Where(i => i.UserId == listener.UserId).OrderBy(i => i.Id).Select(i => i.Status)
                .ToListAsync());
    }
}
