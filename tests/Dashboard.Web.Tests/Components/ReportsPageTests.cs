using Bunit;
using Dashboard.Core.Accounts;
using Dashboard.Core.Reports;
using Dashboard.Web.Jobs;
using Dashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;
using ReportsPage = Dashboard.Web.Components.Pages.Reports.Reports;

namespace Dashboard.Web.Tests.Components;

/// <summary>
/// The reports page over the real report services and a database of its own. Nothing runs the queued reports:
/// a test plays the job's part by making the report itself.
/// </summary>
public sealed class ReportsPageTests : DashboardComponentTest, IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeReportJobs _jobs = new();
    private CoreTestHost _core = default!;

    public async ValueTask InitializeAsync()
    {
        _core = await CoreTestHost.StartAsync(Now, new Dictionary<string, string?> { ["Reports:MaxActive"] = "2" });
        await using (var db = await _core.DbAsync())
        {
            db.Users.Add(
                new User { Id = UserId, SpotifyId = "listener", DisplayName = "Listener", TimeZone = "Europe/Berlin",
                    CreatedAt = Now.UtcDateTime });
            await db.SaveChangesAsync();
        }

        Services.AddSingleton<ReportJobs>(_jobs);
        Services.AddSingleton<TimeProvider>(_core.Clock);
        Services.AddSingleton(_core.Get<IOptions<ReportOptions>>());
        Services.AddSingleton(_core.Get<ReportService>());
        Services.AddSingleton(_core.Get<ReportNotifier>());
        Services.AddSingleton(_core.Get<UserAccounts>());
    }

    [Fact]
    public async Task The_day_picker_starts_weeks_on_Monday_and_opens_on_the_months_of_the_year()
    {
        var page = RenderSignedIn<ReportsPage>();
        var types = page.FindComponent<MudRadioGroup<ReportType>>().Instance;
        await page.InvokeAsync(() => types.ValueChanged.InvokeAsync(ReportType.DailyAnalytics));

        await page.InvokeAsync(() => page.FindComponent<MudDatePicker>().Instance.OpenAsync());

        // Noon on 10 March in UTC is 10 March in Berlin too.
        await DayPickerTests.ExpectMarchUpToAsync(page, lastDay: 10);
    }

    [Fact]
    public async Task A_requested_report_is_queued_then_turns_into_a_download_without_a_reload()
    {
        var page = RenderSignedIn<ReportsPage>();
        page.WaitForAssertion(() =>
            Assert.Contains("No reports yet", page.Find("[data-testid=report-list]").TextContent));

        page.Find("[data-testid=request-report]").Click();

        page.WaitForAssertion(() =>
            Assert.Equal("pending", page.Find("[data-testid=report-row]").GetAttribute("data-status")));
        var reportId = Guid.Parse(page.Find("[data-testid=report-row]").GetAttribute("data-report-id")!);
        Assert.Equal([reportId], _jobs.WaitForScheduled(1));
        Assert.Contains("Period summary", page.Find("[data-testid=report-row]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=download-report]"));

        await _core.Get<ReportService>().RunAsync(reportId, Xunit.TestContext.Current.CancellationToken);

        page.WaitForAssertion(() =>
            Assert.Equal("completed", page.Find("[data-testid=report-row]").GetAttribute("data-status")));
        Assert.Equal("listening-summary-2025-03-11_2026-03-10.pdf",
            page.Find("[data-testid=download-report]").GetAttribute("title"));
        page.Find("[data-testid=download-report]").Click();
        page.WaitForAssertion(() => Assert.Equal(LinkCheck.Valid, CheckDownload(reportId)));
    }

    [Fact]
    public async Task Download_on_a_page_left_open_past_the_link_lifetime_still_gets_a_working_link()
    {
        var reportId = await AddReportAsync(ReportStatus.Pending);
        await _core.Get<ReportService>().RunAsync(reportId, Xunit.TestContext.Current.CancellationToken);
        var page = RenderSignedIn<ReportsPage>();
        page.WaitForAssertion(() =>
            Assert.Equal("completed", page.Find("[data-testid=report-row]").GetAttribute("data-status")));

        // The tab stays open past a link's lifetime; nothing reloads the list meanwhile.
        _core.Clock.Advance(_core.Get<IOptions<ReportOptions>>().Value.LinkLifetime + TimeSpan.FromHours(1));
        page.Find("[data-testid=download-report]").Click();

        page.WaitForAssertion(() => Assert.Equal(LinkCheck.Valid, CheckDownload(reportId)));
        Assert.Empty(page.FindAll("[data-testid=report-error]"));
    }

    [Fact]
    public async Task Download_of_a_report_deleted_elsewhere_says_so_and_goes_nowhere()
    {
        var reportId = await AddReportAsync(ReportStatus.Pending);
        await _core.Get<ReportService>().RunAsync(reportId, Xunit.TestContext.Current.CancellationToken);
        var page = RenderSignedIn<ReportsPage>();
        page.WaitForAssertion(() =>
            Assert.Equal("completed", page.Find("[data-testid=report-row]").GetAttribute("data-status")));
        await using (var db = await _core.DbAsync())
        {
            // Gone behind the page's back, as from another tab without its notification.
            await db.Reports.Where(r => r.Id == reportId)
                .ExecuteDeleteAsync(Xunit.TestContext.Current.CancellationToken);
        }
        var before = Navigation.Uri;

        page.Find("[data-testid=download-report]").Click();

        page.WaitForAssertion(() =>
            Assert.Contains("no longer there", page.Find("[data-testid=report-error]").TextContent));
        Assert.Equal(before, Navigation.Uri);
        Assert.Empty(page.FindAll("[data-testid=report-row]"));
    }

    /// <summary>
    /// Where the last Download sent the browser, checked as the download endpoint checks it, on the app's clock now:
    /// the report's own path, and a token for this report and its owner.
    /// </summary>
    private LinkCheck CheckDownload(Guid reportId)
    {
        var uri = new Uri(Navigation.Uri);
        Assert.Equal(ReportLinks.DownloadPath(reportId), uri.AbsolutePath);
        var token = System.Web.HttpUtility.ParseQueryString(uri.Query)["token"];
        var check = _core.Get<ReportLinks>().Check(reportId, token, out var owner);
        Assert.Equal(UserId, owner);
        return check;
    }

    [Fact]
    public async Task A_failed_report_says_why_and_a_retry_queues_it_again()
    {
        var reportId = await AddReportAsync(ReportStatus.Failed,
            "The report could not be written to disk (No space left on device).");
        var page = RenderSignedIn<ReportsPage>();
        page.WaitForAssertion(() =>
            Assert.Equal("failed", page.Find("[data-testid=report-row]").GetAttribute("data-status")));
        Assert.Contains("No space left on device", page.Find("[data-testid=report-row-error]").TextContent);

        page.Find("[data-testid=retry-report]").Click();

        page.WaitForAssertion(() =>
            Assert.Equal("pending", page.Find("[data-testid=report-row]").GetAttribute("data-status")));
        Assert.Empty(page.FindAll("[data-testid=report-row-error]"));
        Assert.Equal([reportId], _jobs.WaitForScheduled(1));
    }

    [Fact]
    public async Task At_the_limit_of_active_reports_the_page_says_so_and_asks_for_no_more()
    {
        await AddReportAsync(ReportStatus.Pending);
        await AddReportAsync(ReportStatus.Processing);

        var page = RenderSignedIn<ReportsPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=report-row]").Count));
        Assert.Contains("You have 2 reports waiting or being made",
            page.Find("[data-testid=report-limit-reached]").TextContent);
        Assert.True(page.Find("[data-testid=request-report]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task When_a_report_ends_the_limit_lifts_without_a_reload()
    {
        var first = await AddReportAsync(ReportStatus.Pending);
        await AddReportAsync(ReportStatus.Pending);
        var page = RenderSignedIn<ReportsPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=report-limit-reached]")));

        await _core.Get<ReportService>().RunAsync(first, Xunit.TestContext.Current.CancellationToken);

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=report-limit-reached]")));
        Assert.False(page.Find("[data-testid=request-report]").HasAttribute("disabled"));
        Assert.Empty(_jobs.Scheduled);
    }

    [Fact]
    public async Task Deleting_a_report_asks_first_and_keeps_it_unless_told_to_delete()
    {
        var reportId = await AddReportAsync(ReportStatus.Failed, "Spotify was not reachable");
        var page = RenderSignedIn<ReportsPage>();
        var dialogs = Render<MudDialogProvider>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=delete-report]")));

        // Not awaited: the click waits for the answer to the question.
        page.Find("[data-testid=delete-report]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains(
            "Delete the report Listening history (CSV)? Its file goes with it; this cannot be undone.",
            dialogs.Find(".mud-dialog").TextContent));
        await Button(dialogs, "Keep it").ClickAsync();

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        Assert.True(await ReportExistsAsync(reportId));
        Assert.Single(page.FindAll("[data-testid=report-row]"));

        page.Find("[data-testid=delete-report]").Click();
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find(".mud-dialog")));
        await Button(dialogs, "Delete").ClickAsync();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=report-row]")));
        Assert.False(await ReportExistsAsync(reportId));
    }

    private static AngleSharp.Dom.IElement Button(IRenderedComponent<MudDialogProvider> dialogs, string text) =>
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == text);

    private async Task<bool> ReportExistsAsync(Guid reportId)
    {
        await using var db = await _core.DbAsync();
        return await db.Reports.AnyAsync(r => r.Id == reportId);
    }

    private async Task<Guid> AddReportAsync(ReportStatus status, string? error = null)
    {
        await using var db = await _core.DbAsync();
        var report = new Report
        {
            Id = Guid.NewGuid(),
            UserId = UserId,
            Type = ReportType.ListeningHistory,
            Format = ReportFormat.Csv,
            Parameters = new ReportParameters(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 7), "week").ToJson(),
            FileName = "listening-history-2026-03-01_2026-03-07.csv",
            Status = status,
            Error = error,
            CreatedAt = Now.UtcDateTime.AddMinutes(-5),
        };
        db.Reports.Add(report);
        await db.SaveChangesAsync();
        return report.Id;
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await _core.DisposeAsync();
    }
}
