namespace Dashboard.Benchmarks.Export;

/// <summary>Picks one of a few values with fixed weights (platforms, countries, reasons).</summary>
internal sealed class WeightedChoice<T>
{
    private readonly T[] _values;
    private readonly double[] _cumulative;

    public WeightedChoice(params (T Value, double Weight)[] choices)
    {
        _values = choices.Select(c => c.Value).ToArray();
        _cumulative = new double[choices.Length];
        var total = choices.Sum(c => c.Weight);
        var sum = 0.0;
        for (var i = 0; i < choices.Length; i++)
        {
            sum += choices[i].Weight;
            _cumulative[i] = sum / total;
        }
    }

    public T Next(Random random)
    {
        var index = Array.BinarySearch(_cumulative, random.NextDouble());
        return _values[Math.Min(index >= 0 ? index : ~index, _values.Length - 1)];
    }
}
