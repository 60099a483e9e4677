using System.Net;
using System.Net.Sockets;
using Dashboard.Web.Demo;
using Dashboard.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Hosting;

/// <summary>
/// Pictures the dashboard stores in demo mode are the emulator's URLs, port included: the emulator keeps its port in
/// the data folder and takes it again at the next start.
/// </summary>
public sealed class DemoEmulatorPortTests
{
    [Fact]
    public async Task The_demo_emulator_listens_on_the_same_port_after_a_restart()
    {
        var (folder, database, port) = await FirstStartAsync();

        await using var again = new DashboardFactory(folder, database: database);

        Assert.Equal(port, EmulatorPort(again));
        Assert.Equal(port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            File.ReadAllText(Path.Combine(folder, "demo-emulator-port")).Trim());
    }

    [Fact]
    public async Task When_its_port_is_taken_the_demo_emulator_listens_on_another_says_so_and_keeps_its_own_for_later()
    {
        var (folder, database, port) = await FirstStartAsync();
        using var squatter = new TcpListener(IPAddress.Loopback, port);
        squatter.Start();

        await using var again = new DashboardFactory(folder, database: database);
        var elsewhere = EmulatorPort(again);

        Assert.NotEqual(port, elsewhere);
        var kept = Path.Combine(folder, "demo-emulator-port");
        Assert.Contains(
            $"Warning: The demo Spotify emulator's port {port} (kept in {kept}) is taken, " +
            $"so it listens on {elsewhere} for this " +
            $"run; pictures stored from it will not show until a later start finds {port} free again.",
            again.Log.Messages);
        Assert.Equal(port.ToString(System.Globalization.CultureInfo.InvariantCulture), File.ReadAllText(kept).Trim());
    }

    private static async Task<(string Folder, TestDatabase Database, int Port)> FirstStartAsync()
    {
        await using var first = new DashboardFactory(keepData: true);
        var port = EmulatorPort(first);
        return (first.DataFolder, first.Database, port);
    }

    /// <summary>The port the running emulator listens on (starts the app).</summary>
    private static int EmulatorPort(DashboardFactory factory) =>
        new Uri(factory.Services.GetRequiredService<DemoSpotify>().Emulator.BaseUrl).Port;
}
