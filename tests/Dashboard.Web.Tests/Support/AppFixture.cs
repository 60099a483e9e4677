namespace Dashboard.Web.Tests.Support;

/// <summary>
/// One app shared by the tests of a class (an xunit class fixture), started before the first of them. Its tests change
/// nothing another one reads: each that signs in does so as a listener of its own (<see cref="TestListeners"/>).
/// </summary>
public class AppFixture : IAsyncLifetime
{
    public AppFixture()
        : this(new DashboardFactory { Settings = QuietSchedule })
    {
    }

    /// <summary>
    /// The settings of a shared app on which no listener's scheduled sync comes due while its tests run (the sync of a
    /// first sign-in still runs at once): one would add runs and Spotify calls between what a test counts.
    /// </summary>
    public static IReadOnlyDictionary<string, string> QuietSchedule =>
        new Dictionary<string, string> { ["Sync:Interval"] = "1.00:00:00" };

    /// <param name="factory">The app with the settings its tests need, read once at start.</param>
    protected AppFixture(DashboardFactory factory) => Factory = factory;

    public DashboardFactory Factory { get; }

    public virtual ValueTask InitializeAsync()
    {
        Factory.StartServer();
        return ValueTask.CompletedTask;
    }

    public virtual async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}
