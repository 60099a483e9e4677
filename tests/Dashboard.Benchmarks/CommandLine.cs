using System.Globalization;

namespace Dashboard.Benchmarks;

/// <summary>
/// A command's <c>--name value</c> options; anything it does not know is an error, not silently ignored.
/// </summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public CommandLine(IReadOnlyList<string> arguments)
    {
        for (var i = 0; i < arguments.Count; i += 2)
        {
            if (!arguments[i].StartsWith("--", StringComparison.Ordinal) || i + 1 == arguments.Count)
            {
                throw new UsageException($"Expected --name value, found '{arguments[i]}'.");
            }
            _values[arguments[i][2..]] = arguments[i + 1];
        }
    }

    public int Int(string name, int defaultValue, int minimum)
    {
        _read.Add(name);
        if (!_values.TryGetValue(name, out var text))
        {
            return defaultValue;
        }
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= minimum
            ? value
            : throw new UsageException($"--{name} must be a whole number of at least {minimum}, not '{text}'.");
    }

    public string Text(string name)
    {
        _read.Add(name);
        return _values.TryGetValue(name, out var value) ? value : throw new UsageException($"--{name} is required.");
    }

    /// <summary>An option that may be left out: null then.</summary>
    public string? OptionalText(string name)
    {
        _read.Add(name);
        return _values.GetValueOrDefault(name);
    }

    /// <summary>Call after reading every option the command knows.</summary>
    public void RefuseUnknown()
    {
        var unknown = _values.Keys.Where(name => !_read.Contains(name)).ToList();
        if (unknown.Count > 0)
        {
            throw new UsageException($"Unknown option(s): {string.Join(", ", unknown.Select(name => "--" + name))}.");
        }
    }
}

internal sealed class UsageException(string message) : Exception(message);
