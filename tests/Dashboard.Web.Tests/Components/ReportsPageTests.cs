using Bunit;
using Dashboard.Core;
using Dashboard.Core.Accounts;
using Dashboard.Core.Data;
using Dashboard.Core.Reports;
using Dashboard.Web.Jobs;
using Dashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
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
            db.Users.Add(new User { Id = UserId, SpotifyId = "listener", DisplayName = "Listener", TimeZone = "Europe/Berlin", CreatedAt = Now.UtcDateTime });
            await db.SaveChangesAsync();
        }

        Services.AddSingleton<ReportJobs>(_jobs);
        Services.AddSingleton<TimeProvider>(_core.Clock);
        Services.AddSingleton(_core.Get<IOptions<ReportOptions>>());
        Services.AddSingleton(_core.Get<ReportService>());
        Services.AddSingleton(_core.Get<ReportLinks>());
        Services.AddSingleton(_core.Get<ReportNotifier>());
        Services.AddSingleton(_core.Get<UserAccounts>());
    }

    [Fact]
    public async Task A_requested_report_is_queued_then_turns_into_a_download_without_a_reload()
    {
        var page = RenderSignedIn<ReportsPage>();
        page.WaitForAssertion(() => Assert.Contains("No reports yet", page.Find("[data-testid=report-list]").TextContent));

        page.Find("[data-testid=request-report]").Click();

        page.WaitForAssertion(() => Assert.Equal("pending", page.Find("[data-testid=report-row]").GetAttribute("data-status")));
        var reportId = Guid.Parse(page.Find("[data-testid=report-row]").GetAttribute("data-report-id")!);
        Assert.Equal([reportId], _jobs.WaitForScheduled(1));
        Assert.Contains("Period summary", page.Find("[data-testid=report-row]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=download-report]"));

        await _core.Get<ReportService>().RunAsync(reportId, Xunit.TestContext.Current.CancellationToken);

        page.WaitForAssertion(() => Assert.Equal("completed", page.Find("[data-testid=report-row]").GetAttribute("data-status")));
        var download = page.Find("[data-testid=download-report]");
        Assert.StartsWith($"/api/v1/reports/{reportId}/download?token=", download.GetAttribute("href"));
        Assert.Equal("listening-summary-2025-03-11_2026-03-10.pdf", download.GetAttribute("download"));
    }

    [Fact]
    public async Task A_failed_report_says_why_and_a_retry_queues_it_again()
    {
        var reportId = await AddReportAsync(ReportStatus.Failed, "The report could not be written to disk (No space left on device).");
        var page = RenderSignedIn<ReportsPage>();
        page.WaitForAssertion(() => Assert.Equal("failed", page.Find("[data-testid=report-row]").GetAttribute("data-status")));
        Assert.Contains("No space left on device", page.Find("[data-testid=report-row-error]").TextContent);

        page.Find("[data-testid=retry-report]").Click();

        page.WaitForAssertion(() => Assert.Equal("pending", page.Find("[data-testid=report-row]").GetAttribute("data-status")));
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
        Assert.Contains("You have 2 reports waiting or being made", page.Find("[data-testid=report-limit-reached]").TextContent);
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
