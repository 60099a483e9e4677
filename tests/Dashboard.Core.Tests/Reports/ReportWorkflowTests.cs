using Dashboard.Core.Reports;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Reports;

/// <summary>
/// Reports from request to file and back: checks, limits, links, failures, retries, deletion, restarts, owners.
/// </summary>
public sealed class ReportWorkflowTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2025, 6, 15, 10, 0, 0, TimeSpan.Zero);
    private CoreTestHost _host = default!;
    private int _userId;

    public async ValueTask InitializeAsync()
    {
        _host = await CoreTestHost.StartAsync(Now, new Dictionary<string, string?> { ["Reports:MaxActive"] = "2" });
        _userId = (await _host.AddUserAsync("owner", "Europe/Berlin")).Id;
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private ReportService Reports => _host.Get<ReportService>();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(null, "csv", null, null, null, null, null, "type")]
    [InlineData("weekly_digest", "csv", null, null, null, null, null, "type")]
    [InlineData("listening_history", "", null, null, null, null, null, "format")]
    [InlineData("listening_history", "pdf", null, null, null, "month", null, "format")]
    [InlineData("daily_analytics", "csv", "2025-06-01", null, null, null, null, "format")]
    [InlineData("daily_analytics", "zip", null, null, null, null, null, "date")]
    [InlineData("daily_analytics", "zip", "2025-13-01", null, null, null, null, "date")]
    [InlineData("daily_analytics", "zip", "2025-06-16", null, null, null, null, "date")]
    [InlineData("listening_history", "csv", null, null, null, null, null, "period")]
    [InlineData("listening_history", "csv", null, "2025-06-01", "2025-07-01", null, null, "to")]
    [InlineData("listening_history", "csv", null, "2025-06-10", "2025-06-01", null, null, "to")]
    [InlineData("listening_history", "csv", null, "2025-06-01", null, null, null, "to")]
    [InlineData("top_lists", "csv", null, null, null, "fortnight", null, "period")]
    [InlineData("top_lists", "json", null, null, null, "year", 7, "limit")]
    [InlineData("listening_history", "csv", null, null, null, "year", 10, "limit")]
    public async Task A_request_is_checked_and_the_error_names_the_field(string? type, string? format, string? date,
        string? from, string? to,
        string? period, int? limit, string field)
    {
        var outcome = await Reports.RequestAsync(_userId,
            new ReportRequest(type, format, date, from, to, period, limit), Ct);

        var invalid = Assert.IsType<ReportRequestOutcome.Invalid>(outcome);
        Assert.Equal(field, invalid.Error.Field);
        Assert.False(string.IsNullOrWhiteSpace(invalid.Error.Message));
        Assert.Empty(await Reports.ListAsync(_userId, Ct));
    }

    [Fact]
    public async Task Today_in_the_users_zone_is_not_the_future()
    {
        // 10:00 UTC is already the 15th in Berlin; the 16th is not here yet anywhere near.
        var outcome = await Reports.RequestAsync(_userId,
            new ReportRequest("daily_analytics", "zip", Date: "2025-06-15"), Ct);

        Assert.IsType<ReportRequestOutcome.Accepted>(outcome);
    }

    [Fact]
    public async Task A_named_period_is_fixed_to_its_days_when_requested()
    {
        var accepted = Assert.IsType<ReportRequestOutcome.Accepted>(
            await Reports.RequestAsync(_userId, new ReportRequest("period_summary", "pdf", Period: "month"), Ct));

        var parameters = accepted.Report.ReadParameters();
        Assert.Equal((new DateOnly(2025, 5, 17), new DateOnly(2025, 6, 15), "month"),
            (parameters.From, parameters.To, parameters.Period));
        Assert.Equal("listening-summary-2025-05-17_2025-06-15.pdf", accepted.Report.FileName);
    }

    [Fact]
    public async Task A_user_may_have_only_so_many_active_reports()
    {
        var request = new ReportRequest("listening_history", "csv", Period: "week");
        var first = Assert.IsType<ReportRequestOutcome.Accepted>(await Reports.RequestAsync(_userId, request, Ct));
        Assert.IsType<ReportRequestOutcome.Accepted>(await Reports.RequestAsync(_userId, request, Ct));

        var refused =
            Assert.IsType<ReportRequestOutcome.TooManyActive>(await Reports.RequestAsync(_userId, request, Ct));

        Assert.Equal((2, 2), (refused.ActiveCount, refused.Limit));
        Assert.Equal(2, (await Reports.ListAsync(_userId, Ct)).Count);
        // Someone else is not held back by this user's reports.
        var other = await _host.AddUserAsync("other");
        Assert.IsType<ReportRequestOutcome.Accepted>(await Reports.RequestAsync(other.Id, request, Ct));
        // Once one is done, there is room again.
        await Reports.RunAsync(first.Report.Id, Ct);
        Assert.IsType<ReportRequestOutcome.Accepted>(await Reports.RequestAsync(_userId, request, Ct));
    }

    [Fact]
    public async Task An_empty_range_makes_a_file_with_the_header_only()
    {
        var report = await MakeAsync(new ReportRequest("listening_history", "csv", Period: "week"));

        Assert.Equal((ReportStatus.Completed, 0), (report.Status, report.TotalRecords));
        var file = await Reports.FileAsync(_userId, report.Id, Ct);
        var lines = await File.ReadAllLinesAsync(file!.Path, Ct);
        Assert.Equal(
            "played_at,played_at_utc,ms_played,counted,content_type,name,artist,album,show,spotify_uri,isrc,source," +
            "platform,country,reason_start,reason_end,shuffle,skipped,offline,incognito,context_uri",
            Assert.Single(lines));
        Assert.Equal(("text/csv; charset=utf-8", "listening-history-2025-06-09_2025-06-15.csv"),
            (file.ContentType, file.FileName));
    }

    [Fact]
    public async Task Links_work_until_they_expire_and_cannot_be_altered_or_moved()
    {
        var links = _host.Get<ReportLinks>();
        var report = await MakeAsync(new ReportRequest("top_lists", "json", Period: "year"));
        var other = await MakeAsync(new ReportRequest("top_lists", "csv", Period: "year"));
        var token = Token(links.Create(report).Url);

        Assert.Equal((LinkCheck.Valid, _userId), (links.Check(report.Id, token, out var owner), owner));
        Assert.Equal(LinkCheck.Invalid, links.Check(other.Id, token, out _));
        Assert.Equal(LinkCheck.Invalid,
            links.Check(report.Id, token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1], out _));
        Assert.Equal(LinkCheck.Invalid, links.Check(report.Id, null, out _));

        _host.Clock.Advance(TimeSpan.FromHours(12) - TimeSpan.FromSeconds(1));
        Assert.Equal(LinkCheck.Valid, links.Check(report.Id, token, out _));
        _host.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(LinkCheck.Expired, links.Check(report.Id, token, out _));
        // Reading the report again gives a link that works.
        Assert.Equal(LinkCheck.Valid, links.Check(report.Id, Token(links.Create(report).Url), out _));
    }

    [Fact]
    public async Task A_report_that_cannot_be_written_fails_with_the_reason_and_retries_once_the_cause_is_gone()
    {
        // The reports folder cannot be made: a file stands where it should be.
        var blocker = Path.Combine(_host.Folder, "reports");
        await File.WriteAllTextAsync(blocker, "in the way", Ct);

        var failed = await MakeAsync(new ReportRequest("listening_history", "json", Period: "week"));

        Assert.Equal(ReportStatus.Failed, failed.Status);
        Assert.Contains("could not be written to disk", failed.Error);
        Assert.NotNull(failed.CompletedAt);
        Assert.Null(await Reports.FileAsync(_userId, failed.Id, Ct));

        File.Delete(blocker);
        Assert.IsType<ReportRequestOutcome.Accepted>(await Reports.RetryAsync(_userId, failed.Id, Ct));
        await Reports.RunAsync(failed.Id, Ct);

        var retried = await Reports.GetAsync(_userId, failed.Id, Ct);
        Assert.Equal((ReportStatus.Completed, null), (retried!.Status, retried.Error));
        Assert.Null(await Reports.RetryAsync(_userId, failed.Id, Ct));
    }

    [Fact]
    public async Task Deleting_a_report_removes_its_file()
    {
        var report = await MakeAsync(new ReportRequest("top_lists", "csv", Period: "all_time"));
        var path = (await Reports.FileAsync(_userId, report.Id, Ct))!.Path;

        Assert.Equal(DeleteOutcome.Deleted, await Reports.DeleteAsync(_userId, report.Id, Ct));

        Assert.False(File.Exists(path));
        Assert.Null(await Reports.GetAsync(_userId, report.Id, Ct));
        Assert.Equal(DeleteOutcome.NotFound, await Reports.DeleteAsync(_userId, report.Id, Ct));
    }

    [Fact]
    public async Task A_report_being_made_when_the_app_died_is_made_again_after_the_restart()
    {
        var accepted = Assert.IsType<ReportRequestOutcome.Accepted>(
            await Reports.RequestAsync(_userId, new ReportRequest("period_summary", "pdf", Period: "year"), Ct));
        await using (var db = await _host.DbAsync())
        {
            await db.Reports.Where(r => r.Id == accepted.Report.Id)
                .ExecuteUpdateAsync(set =>
                    set.SetProperty(r => r.Status, ReportStatus.Processing)
                    .SetProperty(r => r.StartedAt, Now.UtcDateTime), Ct);
        }
        Assert.Equal(DeleteOutcome.Processing, await Reports.DeleteAsync(_userId, accepted.Report.Id, Ct));

        var resumable = await Reports.ResumableAsync(Ct);

        Assert.Equal([accepted.Report.Id], resumable);
        await Reports.RunAsync(accepted.Report.Id, Ct);
        var report = await Reports.GetAsync(_userId, accepted.Report.Id, Ct);
        Assert.Equal(ReportStatus.Completed, report!.Status);
        Assert.True(new FileInfo((await Reports.FileAsync(_userId, report.Id, Ct))!.Path).Length > 1_000);
    }

    [Fact]
    public async Task Someone_elses_report_does_not_exist_for_you()
    {
        var report = await MakeAsync(new ReportRequest("top_lists", "csv", Period: "week"));
        var stranger = (await _host.AddUserAsync("stranger")).Id;

        Assert.Null(await Reports.GetAsync(stranger, report.Id, Ct));
        Assert.Null(await Reports.FileAsync(stranger, report.Id, Ct));
        Assert.Empty(await Reports.ListAsync(stranger, Ct));
        Assert.Equal(DeleteOutcome.NotFound, await Reports.DeleteAsync(stranger, report.Id, Ct));
        Assert.NotNull(await Reports.GetAsync(_userId, report.Id, Ct));
    }

    private async Task<Report> MakeAsync(ReportRequest request)
    {
        var accepted = Assert.IsType<ReportRequestOutcome.Accepted>(await Reports.RequestAsync(_userId, request, Ct));
        await Reports.RunAsync(accepted.Report.Id, Ct);
        return (await Reports.GetAsync(_userId, accepted.Report.Id, Ct))!;
    }

    private static string Token(string url) =>
        url[(url.IndexOf("token=", StringComparison.Ordinal) + "token=".Length)..];
}
