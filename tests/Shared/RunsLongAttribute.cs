using Xunit.Sdk;
using Xunit.v3;

[assembly: TestCollectionOrderer(typeof(LongRunningFirst))]

namespace Dashboard.Tests.Shared;

/// <summary>
/// Marks a test class that takes a quarter of a minute or more, its tests one after another: it starts before the
/// others, so that it runs beside them instead of alone at the end of the run.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class RunsLongAttribute : Attribute;

/// <summary>
/// Starts the test classes marked <see cref="RunsLongAttribute"/> first, the others after them in xUnit's own order.
/// </summary>
public sealed class LongRunningFirst : ITestCollectionOrderer
{
    // Each class is a collection of its own, named "Test collection for {class} (id: {hash})".
    private const string ClassCollection = "Test collection for ";

    public IReadOnlyCollection<TTestCollection> OrderTestCollections<TTestCollection>(
        IReadOnlyCollection<TTestCollection> testCollections)
        where TTestCollection : ITestCollection =>
        DefaultTestCollectionOrderer.Instance.OrderTestCollections(testCollections).OrderBy(c => RunsLong(c) ? 0 : 1)
            .ToList();

    private static bool RunsLong(ITestCollection collection) =>
        collection.TestCollectionDisplayName.StartsWith(ClassCollection, StringComparison.Ordinal)
        && typeof(LongRunningFirst).Assembly.GetType(
            collection.TestCollectionDisplayName[ClassCollection.Length..].Split(' ')[0]) is { } testClass
        && testClass.IsDefined(typeof(RunsLongAttribute), inherit: false);
}
