using Dashboard.Core.Imports;
using Dashboard.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Dashboard.Core.Tests.Support.ImportHelpers;

namespace Dashboard.Core.Tests.Imports;

/// <summary>An import from upload to its end: progress, cancel, restarts, owners.</summary>
public sealed class ImportLifecycleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Progress_reaches_watchers_of_the_owner_only_and_ends_with_the_outcome()
    {
        await using var host = await CoreTestHost.StartAsync(Now);
        var user = await host.AddUserAsync("listener");
        var other = await host.AddUserAsync("someone-else");
        var seen = new List<ImportProgress>();
        var seenByOther = new List<ImportProgress>();
        using var _ = host.Get<ImportNotifier>()
            .Subscribe(user.Id, p => { lock (seen) { seen.Add(p); } return Task.CompletedTask; });
        using var __ = host.Get<ImportNotifier>()
            .Subscribe(other.Id, p => { seenByOther.Add(p); return Task.CompletedTask; });

        var import = await host.ImportFilesAsync(user.Id, Samples.ExtendedAudio);

        Assert.Equal(ImportStatus.Running, seen[0].Status);
        Assert.Equal(3328, seen[0].RecordsTotal);
        var last = seen[^1];
        Assert.Equal(ImportStatus.Completed, last.Status);
        Assert.Equal((3328, import.Inserted, 10), (last.RecordsRead, last.Inserted, last.Duplicates));
        Assert.Equal(1.0, last.Fraction);
        Assert.Empty(seenByOther);
    }

    [Fact]
    public async Task Cancelling_a_running_import_keeps_nothing()
    {
        await using var host = await CoreTestHost.StartAsync(Now);
        var user = await host.AddUserAsync("listener");
        var service = host.Get<ImportService>();
        var start = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var large = JsonArray(Enumerable.Range(0, 60_000)
            .Select(i =>
                ExtendedRecord($"{start.AddMinutes(4 * i):yyyy-MM-ddTHH:mm:ssZ}", $"{i % 5_000:D22}",
                    $"Song {i % 5_000}", $"Artist {i % 300}", 200_000))
            .ToArray());
        var import = await service.CreateAsync(user.Id, Incoming(("Streaming_History_Audio_2020-2020_0.json", large)),
            CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var writtenBeforeCancel = 0;
        // Cancel once the import has written part of the file.
        using var _ = host.Get<ImportNotifier>().Subscribe(user.Id, p =>
        {
            if (p.Status == ImportStatus.Running && p.Inserted > 0 && !cancel.IsCancellationRequested)
            {
                writtenBeforeCancel = p.Inserted;
                cancel.Cancel();
            }
            return Task.CompletedTask;
        });

        await service.RunAsync(import.Id, cancel.Token);

        Assert.InRange(writtenBeforeCancel, 1, 59_999);
        var ended = await service.GetAsync(user.Id, import.Id, CancellationToken.None);
        Assert.Equal(ImportStatus.Cancelled, ended!.Status);
        Assert.Equal("Cancelled. Nothing from this upload was kept.", ended.Error);
        await using var db = await host.DbAsync();
        Assert.Equal(0, await db.Plays.CountAsync());
        Assert.Empty(Directory.EnumerateFileSystemEntries(host.ImportsFolder));
    }

    [Fact]
    public async Task A_pending_import_can_be_cancelled_and_then_never_runs()
    {
        await using var host = await CoreTestHost.StartAsync(Now);
        var user = await host.AddUserAsync("listener");
        var service = host.Get<ImportService>();
        var import = await host.UploadAsync(user.Id,
            ("Streaming_History_Audio_2024_4.json", await File.ReadAllBytesAsync(Samples.ExtendedAudio)));

        Assert.Equal(CancelOutcome.Cancelled, await service.CancelAsync(user.Id, import.Id, CancellationToken.None));
        await service.RunAsync(import.Id, CancellationToken.None);

        Assert.Equal(ImportStatus.Cancelled,
            (await service.GetAsync(user.Id, import.Id, CancellationToken.None))!.Status);
        Assert.Equal(CancelOutcome.AlreadyEnded, await service.CancelAsync(user.Id, import.Id, CancellationToken.None));
        await using var db = await host.DbAsync();
        Assert.Equal(0, await db.Plays.CountAsync());
    }

    [Fact]
    public async Task After_a_restart_running_imports_show_as_interrupted_and_pending_ones_are_listed_to_run()
    {
        await using var host = await CoreTestHost.StartAsync(Now);
        var user = await host.AddUserAsync("listener");
        var service = host.Get<ImportService>();
        var running = await host.UploadAsync(user.Id,
            ("a.json", JsonArray(ExtendedRecord("2024-05-01T10:03:17Z", "1111111111111111111111", "A", "B", 1000))));
        var pending = await host.UploadAsync(user.Id,
            ("b.json", JsonArray(ExtendedRecord("2024-05-02T10:03:17Z", "1111111111111111111111", "A", "B", 1000))));
        await using (var db = await host.DbAsync())
        {
            // As the app leaves it when the process dies mid-import: marked running, its transaction never committed.
            await db.Imports.Where(i => i.Id == running.Id)
                .ExecuteUpdateAsync(i => i.SetProperty(x => x.Status, ImportStatus.Running));
        }

        Assert.Equal(1, await service.MarkInterruptedAsync(CancellationToken.None));

        var interrupted = await service.GetAsync(user.Id, running.Id, CancellationToken.None);
        Assert.Equal(ImportStatus.Interrupted, interrupted!.Status);
        Assert.Contains("The app stopped while this import was running. Nothing from it was kept", interrupted.Error);
        Assert.Equal([pending.Id], await service.PendingAsync(CancellationToken.None));
        Assert.False(Directory.Exists(running.StoragePath));
        Assert.True(Directory.Exists(pending.StoragePath), "A pending import keeps its files until it runs.");
    }

    [Fact]
    public async Task A_user_sees_and_cancels_only_their_own_imports()
    {
        await using var host = await CoreTestHost.StartAsync(Now);
        var owner = await host.AddUserAsync("listener");
        var other = await host.AddUserAsync("someone-else");
        var service = host.Get<ImportService>();
        var import = await host.UploadAsync(owner.Id,
            ("a.json", JsonArray(ExtendedRecord("2024-05-01T10:03:17Z", "1111111111111111111111", "A", "B", 1000))));

        Assert.Null(await service.GetAsync(other.Id, import.Id, CancellationToken.None));
        Assert.Empty(await service.ListAsync(other.Id, CancellationToken.None));
        Assert.Equal(CancelOutcome.NotFound, await service.CancelAsync(other.Id, import.Id, CancellationToken.None));
        Assert.Single(await service.ListAsync(owner.Id, CancellationToken.None));
    }
}
