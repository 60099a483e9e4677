namespace Dashboard.SpotifyEmulator.Faults;

/// <summary>
/// Failures waiting to be injected into Web API calls, in the order they were added. Each call takes at most one:
/// the first whose path prefix and user match. Faults apply after the bearer token is accepted, like real failures.
/// </summary>
public sealed class EmulatorFaults
{
    private readonly List<Fault> _pending = [];
    private readonly Lock _lock = new();

    public void Inject(Fault fault)
    {
        lock (_lock)
        {
            _pending.Add(fault);
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _pending.Clear();
        }
    }

    /// <summary>The faults still to come, each with the calls it has left.</summary>
    public IReadOnlyList<Fault> Pending
    {
        get
        {
            lock (_lock)
            {
                return _pending.ToList();
            }
        }
    }

    /// <summary>
    /// Uses up one call of the first fault that applies to a call of <paramref name="path"/> for
    /// <paramref name="userId"/>.
    /// </summary>
    internal Fault? TakeFor(string path, string userId)
    {
        lock (_lock)
        {
            var index = _pending.FindIndex(f => f.AppliesTo(path, userId));
            if (index < 0)
            {
                return null;
            }
            var fault = _pending[index];
            if (fault.Calls == 1)
            {
                _pending.RemoveAt(index);
            }
            else
            {
                _pending[index] = fault.WithOneCallLess();
            }
            return fault;
        }
    }
}
