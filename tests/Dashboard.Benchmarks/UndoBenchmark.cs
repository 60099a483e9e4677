using System.Diagnostics;
using System.Globalization;
using Dashboard.Benchmarks.Analytics;
using Dashboard.Core.Imports;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Benchmarks;

/// <summary>
/// The <c>undo</c> command: imports the generated history with the app's importer, then undoes that import as the
/// Imports page and the API do, and prints how long it took: the delete, the rollups of every day it covered and the
/// lifetime totals in one transaction, then the weekly charts and sessions. Target: under 10 s for 1M plays on SQLite.
/// </summary>
internal static class UndoBenchmark
{
    public const string Name = "undo";

    private const double TargetSeconds = 10;

    public static async Task<int> RunAsync(CommandLine options)
    {
        var plays = options.Int("plays", defaultValue: 1_000_000, minimum: 1);
        var postgres = options.OptionalText("postgres");
        options.RefuseUnknown();

        await using var history = await ImportedHistory.CreateAsync(plays, Console.Out, postgres: postgres);
        int importId;
        await using (var db = await history.Host.DbAsync())
        {
            importId = await db.Imports.Where(i => i.UserId == history.UserId).Select(i => i.Id).SingleAsync();
        }
        var clock = Stopwatch.StartNew();
        var outcome = await history.Host.Get<ImportUndo>().UndoAsync(history.UserId, importId, CancellationToken.None);
        var seconds = clock.Elapsed.TotalSeconds;
        if (outcome is not ImportUndoOutcome.Undone(var removed))
        {
            throw new InvalidOperationException($"The import was not undone: {outcome}");
        }
        await using (var db = await history.Host.DbAsync())
        {
            if (await db.Plays.AnyAsync(p => p.UserId == history.UserId)
                || await db.ItemTotals.AnyAsync(t => t.UserId == history.UserId))
            {
                throw new InvalidOperationException("Plays or totals of the undone import are left.");
            }
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Undid the import of {removed.Plays:N0} plays " +
            $"({removed.FirstDay:yyyy-MM-dd} to {removed.LastDay:yyyy-MM-dd}) " +
            $"in {seconds:0.0} s on {(postgres is null ? "SQLite" : "PostgreSQL")}; target < {TargetSeconds:0} s: " +
            $"{(seconds < TargetSeconds ? "met" : "missed")}."));
        return 0;
    }
}
