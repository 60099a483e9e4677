namespace Dashboard.Web.Tests.Support;

/// <summary>
/// One app shared by the tests of a class (an xunit class fixture), started before the first of them. Its tests change
/// nothing another one reads: each that signs in does so as a listener of its own (<see cref="TestListeners"/>).
/// </summary>
public class AppFixture : IAsyncLifetime
{
    public AppFixture()
        : this(new DashboardFactory())
    {
    }

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
