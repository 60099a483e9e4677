using System.Diagnostics;
using System.Text.Json;

namespace Dashboard.Core.Imports;

/// <summary>The counts of one run, kept apart from the entity until the end.</summary>
internal sealed class ImportRun(Import import)
{
    private readonly Stopwatch _elapsed = Stopwatch.StartNew();
    private readonly Dictionary<string, int> _skipped = new(StringComparer.Ordinal);
    private DateTime? _first;
    private DateTime? _last;
    private ImportStatus _status;
    private string? _error;

    public Import Import => import;
    public List<string> Ignored { get; set; } = [];
    public string? CurrentFile { get; set; }
    public int RecordsRead { get; private set; }
    public TimeSpan Elapsed => _elapsed.Elapsed;
    /// <summary>What the writer did with the plays; it counts them as they reach the table.</summary>
    public PlayCounts Written { get; } = new();
    public int Inserted => Written.Inserted;
    public int Duplicates => Written.Duplicates;
    public int Merged => Written.Merged;
    public int Skipped { get; private set; }

    /// <summary>Counts a record read; one without a play is skipped, with its reason.</summary>
    public void Count(ReadRecord record)
    {
        RecordsRead++;
        if (record.Play is { } play)
        {
            _first = _first is { } f && f <= play.PlayedAt ? f : play.PlayedAt;
            _last = _last is { } l && l >= play.PlayedAt ? l : play.PlayedAt;
            return;
        }
        Skipped++;
        var reason = record.SkipReason ?? PlayBounds.NoItem;
        _skipped[reason] = _skipped.GetValueOrDefault(reason) + 1;
    }

    public void Finish(ImportStatus status, string? error)
    {
        _status = status;
        _error = error;
    }

    public ImportProgress Progress(ImportStatus status) => new(
        import.Id, import.UserId, status, CurrentFile, import.RecordsTotal, RecordsRead, Inserted, Duplicates,
        Merged, Skipped, RecordsRead / Math.Max(0.001, _elapsed.Elapsed.TotalSeconds));

    /// <summary>Writes the outcome onto the import. Counts only stand when the transaction committed.</summary>
    public void ApplyTo(Import entity, DateTime now)
    {
        var committed = _status == ImportStatus.Completed;
        entity.Status = _status;
        entity.Error = _error;
        entity.CompletedAt = now;
        entity.RecordsRead = RecordsRead;
        entity.Inserted = committed ? Inserted : 0;
        entity.Duplicates = committed ? Duplicates : 0;
        entity.Merged = committed ? Merged : 0;
        entity.Skipped = committed ? Skipped : 0;
        entity.SkippedReasons = committed && _skipped.Count > 0 ? JsonSerializer.Serialize(_skipped) : null;
        entity.IgnoredFiles = Ignored.Count > 0 ? string.Join('\n', Ignored) : null;
        entity.FirstPlayedAt = committed ? _first : null;
        entity.LastPlayedAt = committed ? _last : null;
    }
}
