using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Core.Imports;
using Dashboard.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Api;

public sealed class ImportStatusTests
{
    [Fact]
    public async Task An_ended_import_shows_its_stored_counts_before_the_notice_of_its_end_arrives()
    {
        await using var factory = new DashboardFactory();
        var userId = await factory.AddUserAsync("importer");
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            await factory.CreateTokenAsync(userId));
        int importId;
        await using (var db = await factory.DbAsync())
        {
            var import = new Core.Imports.Import
            {
                UserId = userId, Status = ImportStatus.Completed, FileNames = "Streaming_History_Audio_2024.json",
                    StoragePath = "/gone",
                RecordsTotal = 2, RecordsRead = 2, Inserted = 1, Skipped = 1,
                    SkippedReasons = """{"a negative duration":1}""",
                CreatedAt = DateTime.UtcNow, CompletedAt = DateTime.UtcNow,
            };
            db.Imports.Add(import);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            importId = import.Id;
        }
        // The last progress the run published while it ran; across a cluster the notice of its end comes a moment
        // later.
        await factory.Services.GetRequiredService<ImportNotifier>()
            .PublishAsync(new ImportProgress(importId, userId, ImportStatus.Running, null, 2, 0, 0, 0, 0, 0, 0));

        var job = await client.GetFromJsonAsync<JsonElement>($"/api/v1/history/import/{importId}",
            TestContext.Current.CancellationToken);

        Assert.Equal(("completed", 2, 1, 1),
            (job.GetProperty("status").GetString(), job.GetProperty("items_processed").GetInt32(),
            job.GetProperty("inserted").GetInt32(), job.GetProperty("skipped").GetInt32()));
    }
}
