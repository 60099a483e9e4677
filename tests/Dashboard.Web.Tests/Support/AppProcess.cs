using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Dashboard.Web.Tests.Imports;

namespace Dashboard.Web.Tests.Support;

/// <summary>The built app, run as its own process (demo mode) on a free loopback port.</summary>
public sealed class AppProcess : IDisposable
{
    private readonly Process _process;

    private AppProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    /// <summary>The process's id, to read what the system reports of it (<c>/proc/{id}/status</c>).</summary>
    public int ProcessId => _process.Id;

    /// <param name="settings">Environment variables on top of the test ones, such as <c>Database__Provider</c>.</param>
    public static async Task<AppProcess> StartAsync(string dataFolder, IReadOnlyDictionary<string, string?> settings)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet",
            [Path.Combine(AppContext.BaseDirectory, "Dashboard.Web.dll"), "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        // As in the test process (tests/Directory.Build.props): no dynamic PGO in a run this short.
        start.Environment["DOTNET_TieredPGO"] = "0";
        start.Environment["Storage__DataFolder"] = dataFolder;
        start.Environment["Spotify__ClientId"] = "";
        start.Environment["Spotify__Demo"] = "true";
        foreach (var (key, value) in TestKeyEncryption.Settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        // As in the in-process test host: each sign-in imports it.
        start.Environment["Spotify__Emulator__HistoryDays"] =
            DashboardFactory.DemoHistoryDays.ToString(CultureInfo.InvariantCulture);
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new AppProcess(process, $"http://127.0.0.1:{port}");
        using var probe = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        await CrashRecoveryTests.WaitUntilAsync(async () =>
        {
            try
            {
                return (await probe.GetAsync("/api/health/ready")).StatusCode == HttpStatusCode.OK;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        });
        return app;
    }

    /// <summary>
    /// Signs in through the emulator, as <see cref="SignedInClient"/> does against the in-process app.
    /// </summary>
    /// <param name="cookies">Where the session cookie goes; a client of another instance with the same cookies is
    /// signed in too.</param>
    public async Task<HttpClient> SignInAsync(CookieContainer? cookies = null)
    {
        var client = Client(cookies ?? new CookieContainer());
        using var spotify = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var authorize = (await client.GetAsync("/account/login?returnUrl=%2F")).Headers.Location!;
        var fields = SignedInClient.HiddenFields(await spotify.GetStringAsync(authorize));
        fields["user"] = "demolistener";
        fields["action"] = "accept";
        var decision = await spotify.PostAsync(new Uri(authorize, "/authorize"), new FormUrlEncodedContent(fields));
        var callback = await client.GetAsync(decision.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        return client;
    }

    /// <summary>
    /// A client of this instance that sends <paramref name="cookies"/> (cookies do not tell ports apart).
    /// </summary>
    public HttpClient Client(CookieContainer cookies) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true,
            CookieContainer = cookies }) { BaseAddress = new Uri(BaseUrl) };

    /// <summary>Ends the process at once, with no chance to clean up: a crash, or a machine switched off.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
