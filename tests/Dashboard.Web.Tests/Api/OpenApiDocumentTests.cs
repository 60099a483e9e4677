using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Api;

/// <summary>The OpenAPI document of the app's API, read from one app for the class.</summary>
public sealed class OpenApiDocumentTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_document_lists_every_mapped_api_route_with_its_methods()
    {
        var factory = app.Factory;
        using var client = factory.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct);
        var mapped = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .SelectMany(e =>
                (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
                .Select(m => (Path: Documented(e.RoutePattern.RawText!), Method: m.ToLowerInvariant())))
            .Distinct()
            .ToList();

        var paths = document.GetProperty("paths");
        Assert.True(mapped.Count >= 30, $"only {mapped.Count} routes found");
        Assert.All(mapped, route =>
            Assert.True(paths.TryGetProperty(route.Path, out var operations)
            && operations.TryGetProperty(route.Method, out _),
                $"{route.Method.ToUpperInvariant()} {route.Path} is not in the document"));
    }

    [Fact]
    public async Task Endpoints_document_their_parameters_answers_and_errors()
    {
        using var client = app.Factory.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct);
        var trend = document.GetProperty("paths").GetProperty("/api/v1/analytics/trend").GetProperty("get");
        var history = document.GetProperty("paths").GetProperty("/api/v1/history").GetProperty("get");
        var track = document.GetProperty("paths").GetProperty("/api/v1/tracks/{id}").GetProperty("get");

        Assert.Superset(
            new HashSet<string> { "period", "granularity", "breakdown_dimension", "breakdown_filter_by_value",
                "breakdown2_dimension", "breakdown2_filter_by_value" },
            Names(trend).ToHashSet());
        var limit = history.GetProperty("parameters").EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == "limit").GetProperty("schema");
        Assert.Equal(("1", "100"), (limit.GetProperty("minimum").ToString(), limit.GetProperty("maximum").ToString()));
        Assert.Superset(new HashSet<string> { "page", "limit", "artist", "artist_id", "track", "track_id", "album_id",
                "show_id", "start_date", "end_date" },
            Names(history).ToHashSet());
        Assert.Superset(new HashSet<string> { "200", "401", "404", "422", "429", "500", "503" },
            Responses(track).ToHashSet());
        Assert.Superset(new HashSet<string> { "200", "401", "422", "429", "500", "503" }, Responses(trend).ToHashSet());
        Assert.True(document.GetProperty("components").GetProperty("schemas")
            .TryGetProperty("TrendResponse", out var schema));
        Assert.True(schema.GetProperty("properties").TryGetProperty("breakdown2_filter_by_value", out _));
        Assert.True(document.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("bearer", out _));
    }

    [Fact]
    public async Task Item_ids_are_documented_as_positive_integers_and_time_limits_as_504()
    {
        using var client = app.Factory.CreateClient();

        var paths = (await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct)).GetProperty("paths");

        foreach (var path in new[] { "/api/v1/tracks/{id}", "/api/v1/artists/{id}", "/api/v1/albums/{id}" })
        {
            var operation = paths.GetProperty(path).GetProperty("get");
            var id = operation.GetProperty("parameters").EnumerateArray()
                .Single(p => p.GetProperty("name").GetString() == "id");
            Assert.Equal(("path", "integer", "1"),
                (id.GetProperty("in").GetString(), id.GetProperty("schema").GetProperty("type").GetString(),
                id.GetProperty("schema").GetProperty("minimum").ToString()));
            Assert.Contains("504", Responses(operation));
        }
        Assert.Contains("504", Responses(paths.GetProperty("/api/v1/history").GetProperty("get")));
        // The upload has no time limit.
        Assert.DoesNotContain("504", Responses(paths.GetProperty("/api/v1/history/import").GetProperty("post")));
    }

    [Fact]
    public async Task Text_parameters_document_their_longest_length_and_dates_their_format()
    {
        using var client = app.Factory.CreateClient();

        var paths = (await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct)).GetProperty("paths");

        var trend = Parameters(paths.GetProperty("/api/v1/analytics/trend").GetProperty("get"));
        Assert.Equal((200, 200), (trend["breakdown_filter_by_value"].GetProperty("maxLength").GetInt32(),
            trend["breakdown2_filter_by_value"].GetProperty("maxLength").GetInt32()));
        Assert.Equal(("string", "date"),
            (trend["from"].GetProperty("type").GetString(), trend["from"].GetProperty("format").GetString()));
        var history = Parameters(paths.GetProperty("/api/v1/history").GetProperty("get"));
        Assert.Equal((200, 200),
            (history["artist"].GetProperty("maxLength").GetInt32(),
                history["track"].GetProperty("maxLength").GetInt32()));
        Assert.Equal(("integer", "1", "1000000", 1),
            (history["page"].GetProperty("type").GetString(), history["page"].GetProperty("minimum").ToString(),
            history["page"].GetProperty("maximum").ToString(), history["page"].GetProperty("default").GetInt32()));
        Assert.Equal("date", history["end_date"].GetProperty("format").GetString());
        Assert.Equal(["yes", "no"], history["counted"].GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
        var artistId = history["artist_id"];
        Assert.Equal(("integer", "1"),
            (artistId.GetProperty("type").GetString(), artistId.GetProperty("minimum").ToString()));
    }

    /// <summary>
    /// The endpoints that read a body: the import's upload, a report request and a new token. No other takes one.
    /// </summary>
    private static readonly HashSet<string> TakesBody =
        ["post /api/v1/history/import", "post /api/v1/reports", "post /api/v1/tokens"];

    [Fact]
    public async Task Every_api_operation_documents_its_answer_the_schema_of_each_error_and_its_body()
    {
        using var client = app.Factory.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct);

        var problems = new List<string>();
        var operations = document.GetProperty("paths").EnumerateObject()
            .Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(p =>
                p.Value.EnumerateObject().Where(o => o.Value.TryGetProperty("responses", out _))
                .Select(o => (Name: $"{o.Name} {p.Name}", Operation: o.Value)))
            .ToList();
        foreach (var (name, operation) in operations)
        {
            var responses = operation.GetProperty("responses").EnumerateObject().ToList();
            var success = responses.Where(r => r.Name.StartsWith('2')).ToList();
            if (success.Count == 0)
            {
                problems.Add($"{name}: no 2xx answer");
            }
            problems.AddRange(success.Where(r => r.Name != "204" && !HasSchema(r.Value))
                .Select(r => $"{name}: {r.Name} has no schema"));
            problems.AddRange(responses.Where(r => r.Name[0] is '4' or '5' && !HasSchema(r.Value))
                .Select(r => $"{name}: error {r.Name} has no schema"));
            var body = operation.TryGetProperty("requestBody", out var requestBody);
            if (body != TakesBody.Contains(name))
            {
                problems.Add(
                    $"{name}: {(body ? "declares a body it does not read" : "reads a body it does not declare")}");
            }
            if (body && !HasSchema(requestBody))
            {
                problems.Add($"{name}: its body has no schema");
            }
        }

        Assert.True(operations.Count >= 30, $"only {operations.Count} operations found");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    /// <summary>Content in at least one media type, each with a schema.</summary>
    private static bool HasSchema(JsonElement responseOrBody) =>
        responseOrBody.TryGetProperty("content", out var content)
        && content.EnumerateObject().Any()
        && content.EnumerateObject().All(m => m.Value.TryGetProperty("schema", out _));

    private static IEnumerable<string> Names(JsonElement operation) =>
        operation.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()!);

    /// <summary>An operation's parameters' schemas by name.</summary>
    private static Dictionary<string, JsonElement> Parameters(JsonElement operation) =>
        operation.GetProperty("parameters").EnumerateArray()
            .ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("schema"));

    private static IEnumerable<string> Responses(JsonElement operation) =>
        operation.GetProperty("responses").EnumerateObject().Select(r => r.Name);

    /// <summary>A route as the document writes it: parameters without their constraints, no trailing slash.</summary>
    private static string Documented(string route) => Regex.Replace(route, @"\{(\w+)(:[^}]*)?\}", "{$1}").TrimEnd('/');
}
