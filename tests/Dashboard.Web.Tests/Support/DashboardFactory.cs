using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace Dashboard.Web.Tests.Support;

/// <summary>The app in-process (TestServer) in demo mode, with a data folder of its own.</summary>
/// <param name="dataFolder">An existing data folder, to start the app again on what an earlier instance left.</param>
/// <param name="keepData">Leave the data folder when disposed, for a later instance to start on.</param>
public sealed class DashboardFactory(string? dataFolder = null, bool keepData = false) : WebApplicationFactory<Program>
{
    public string DataFolder { get; } = dataFolder ?? Path.Combine(Path.GetTempPath(), "dashboard-web-tests", Guid.NewGuid().ToString("N"));

    public string DatabasePath => Path.Combine(DataFolder, "dashboard.db");

    /// <summary>The clock the app and its emulator read; the system's unless a test sets one before the app starts.</summary>
    public TimeProvider? Clock { get; init; }

    /// <summary>Settings over the app's own, e.g. <c>RateLimit:PermitLimit</c>.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Service replacements a test needs, applied after the app's own registrations.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Storage:DataFolder", DataFolder);
        builder.UseSetting("Spotify:ClientId", "");
        // Tests poll and loop over endpoints as one user; the rate limit's own tests set a small limit.
        builder.UseSetting("RateLimit:PermitLimit", "100000");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        if (Clock is { } clock)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(clock));
        }
        if (ConfigureServices is { } configure)
        {
            builder.ConfigureTestServices(configure);
        }
    }

    /// <summary>A client that keeps cookies and shows redirects instead of following them.</summary>
    public HttpClient CreateBrowserLikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (keepData)
        {
            return;
        }
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean up with the rest of the temp folder.
        }
    }
}
