using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Dashboard.Core.Analytics;
using Dashboard.Core.Spotify;
using Dashboard.Web.Api;
using Microsoft.AspNetCore.Http;

namespace Dashboard.Web.Tests.Api;

/// <summary>
/// Records of query parameters bound from a query as sent, without an app: their values, defaults and problems.
/// </summary>
[NoDatabase]
public sealed class QueryParametersTests
{
    private static async Task<T> BindAsync<T>(string query) where T : QueryParameters<T>, new()
    {
        var context = new DefaultHttpContext();
        context.Request.QueryString = new QueryString(query);
        return (await QueryParameters<T>.BindAsync(context, null!))!;
    }

    private static IEnumerable<string> Problems(IQueryParameters parameters) =>
        parameters.Problems.Select(p => $"{string.Join('.', p.Loc)}: {p.Msg} ({p.Type})");

    [Fact]
    public async Task A_query_with_several_bad_parameters_gets_every_problem_in_the_order_the_record_declares_them()
    {
        var trend =
            await BindAsync<TrendParameters>(
                "?breakdown2_filter_by_value=x&granularity=hourly&breakdown_dimension=genre" +
                $"&breakdown_dimension=country&breakdown_filter_by_value={new string('a', 201)}");

        Assert.Equal(
        [
            "query.granularity: value is not one of: day, week, month (type_error.enum)",
            "query.breakdown_dimension: value must be given once (value_error.repeated)",
            "query.breakdown_dimension: value is not one of: country, platform, reason_start, reason_end, shuffle, " +
            "skipped, offline, incognito, content_type (type_error.enum)",
            "query.breakdown_filter_by_value: " +
            "ensure this value has at most 200 characters (value_error.any_str.max_length)",
            "query.breakdown2_filter_by_value: breakdown2_dimension is required with a second filter value " +
            "(value_error)",
        ], Problems(trend));
    }

    [Fact]
    public async Task Values_are_trimmed_enum_names_read_in_any_case_and_the_word_null_means_none()
    {
        var trend =
            await BindAsync<TrendParameters>(
                "?granularity=%20WEEK%20&breakdown_dimension=reason_end&breakdown_filter_by_value=trackdone" +
                "&breakdown2_dimension=null");

        Assert.Empty(Problems(trend));
        Assert.Equal((Granularity.Week, Dimension.ReasonEnd, "trackdone", null),
            (trend.Granularity, trend.BreakdownDimension, trend.BreakdownFilterByValue, trend.Breakdown2Dimension));
    }

    [Fact]
    public async Task A_missing_parameter_keeps_its_default_and_a_missing_period_is_all_time()
    {
        var page = await BindAsync<PageParameters>("?page=");
        var period = await BindAsync<PeriodParameters>("");
        var custom = await BindAsync<PeriodParameters>("?from=2024-01-01&to=2024-01-31");

        Assert.Equal(1, page.Page);
        Assert.Equal(PeriodSelection.AllTime, period.Selection);
        Assert.Equal(PeriodSelection.Between(new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 31)), custom.Selection);
        Assert.Empty(Problems(page).Concat(Problems(period)).Concat(Problems(custom)));
    }

    [Fact]
    public async Task A_page_out_of_bounds_keeps_the_first_page_and_says_why()
    {
        var page = await BindAsync<PageParameters>("?page=0");

        Assert.Equal(1, page.Page);
        Assert.Equal(["query.page: ensure this value is greater than or equal to 1 (value_error.number.not_ge)"],
            Problems(page));
    }

    [Fact]
    public async Task An_allowed_value_is_read_in_any_case_as_the_record_writes_it()
    {
        var filters = await BindAsync<ApiLogParameters>("?status=4XX&method=get&service=Accounts");

        Assert.Empty(Problems(filters));
        Assert.Equal((ApiStatusClass.ClientError, "GET", "accounts"),
            (filters.Query().StatusClass, filters.Method, filters.Service));
    }

    [Fact]
    public void The_status_classes_the_log_accepts_are_those_the_pages_list()
    {
        var allowed = typeof(ApiLogParameters)
            .GetProperty(nameof(ApiLogParameters.Status))!.GetCustomAttribute<AllowedValuesAttribute>()!.Values;

        Assert.Equal(ApiStatusClasses.All.Select(c => c.Label()), allowed.Cast<string>());
    }
}
