using System.Globalization;
using System.Text.Json.Nodes;
using Dashboard.Core.Analytics;
using Microsoft.OpenApi;

namespace Dashboard.Web.Api;

/// <summary>
/// A query parameter as the OpenAPI document describes it. Endpoints read their query with <see cref="QueryReader"/>
/// (so that every problem comes back at once as a 422), which the document cannot see; this says what it reads.
/// </summary>
public sealed record QueryParameterDoc(
    string Name,
    string Description,
    JsonSchemaType Type = JsonSchemaType.String,
    string? Format = null,
    string? Default = null,
    int? Minimum = null,
    int? Maximum = null,
    IReadOnlyList<string>? Allowed = null);

/// <summary>The error bodies, as types the OpenAPI document can show.</summary>
public sealed record ErrorDetail(string Detail);

public sealed record ValidationErrors(IReadOnlyList<FieldProblem> Detail);

/// <summary>Describes the JSON API's endpoints in the OpenAPI document: parameters, and the errors each can answer.</summary>
public static class ApiDocs
{
    public static readonly QueryParameterDoc Period = new("period",
        "The days to count: the last 7 (week), 30 (month), 90 (quarter) or 365 (year) days up to today in your time zone, " +
        "all_time, or custom with from and to.",
        Default: "all_time", Allowed: [.. Enum.GetValues<Core.Analytics.Period>().Select(p => p.Key())]);

    public static readonly QueryParameterDoc From = new("from", $"With period=custom: the first local day, yyyy-MM-dd, {Accepted}.", Format: "date");

    public static readonly QueryParameterDoc To = new("to",
        $"With period=custom: the last local day, yyyy-MM-dd, {Accepted}, at most {AcceptedDates.LongestRangeYears} years after from.", Format: "date");

    /// <summary>The days every date parameter accepts, for their descriptions.</summary>
    public static string Accepted => $"from {AcceptedDates.Text(AcceptedDates.First)} to {AcceptedDates.Text(AcceptedDates.Last)}";

    /// <summary>A date parameter other than a period's.</summary>
    public static QueryParameterDoc Date(string name, string description) => new(name, $"{description}, yyyy-MM-dd, {Accepted}.", Format: "date");

    public static QueryParameterDoc Limit(int fallback, int maximum, string what) =>
        new("limit", $"How many {what} (1-{maximum}).", JsonSchemaType.Integer, "int32", fallback.ToString(CultureInfo.InvariantCulture), 1, maximum);

    public static readonly QueryParameterDoc Page = new("page", $"The page, from 1 to {QueryReader.MaxPage}.", JsonSchemaType.Integer, "int32", "1", 1,
        QueryReader.MaxPage);

    /// <summary>Documents the query parameters the endpoint reads.</summary>
    public static RouteHandlerBuilder WithQuery(this RouteHandlerBuilder endpoint, params QueryParameterDoc[] parameters) =>
        endpoint.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            foreach (var parameter in parameters)
            {
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = parameter.Name,
                    In = ParameterLocation.Query,
                    Description = parameter.Description,
                    Schema = Schema(parameter),
                });
            }
            return Task.CompletedTask;
        });

    /// <summary>
    /// Documents the path parameter <paramref name="name"/> as a positive whole number. The route keeps it a string (no
    /// <c>:int</c> constraint) so that every bad id, <c>abc</c> as much as <c>-4</c>, is answered 422 by the endpoint
    /// rather than some with routing's 404; the endpoint reads it with <see cref="QueryReader.TryReadId"/>.
    /// </summary>
    public static RouteHandlerBuilder WithPositiveIdInPath(this RouteHandlerBuilder endpoint, string name) =>
        endpoint.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>().Where(p => p.Name == name && p.In == ParameterLocation.Path))
            {
                parameter.Description = "The dashboard's id of the item, as the top lists and history give it.";
                parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1" };
            }
            return Task.CompletedTask;
        });

    /// <summary>The 422 a bad parameter gets.</summary>
    public static RouteHandlerBuilder ProducesValidationErrors(this RouteHandlerBuilder endpoint) =>
        endpoint.Produces<ValidationErrors>(StatusCodes.Status422UnprocessableEntity);

    /// <summary>An error answered as <c>{"detail": "..."}</c>.</summary>
    public static RouteHandlerBuilder ProducesDetail(this RouteHandlerBuilder endpoint, params int[] statusCodes)
    {
        foreach (var statusCode in statusCodes)
        {
            endpoint.Produces<ErrorDetail>(statusCode);
        }
        return endpoint;
    }

    /// <summary>
    /// A multipart upload of one or more files in <c>file</c> fields. The endpoint streams the body itself (never
    /// binding it as a form, which would buffer it), so the document cannot see it; this says what it reads.
    /// </summary>
    public static RouteHandlerBuilder AcceptsFiles(this RouteHandlerBuilder endpoint, string description) =>
        endpoint.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            var file = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" };
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["multipart/form-data"] = new()
                    {
                        Schema = new OpenApiSchema
                        {
                            Type = JsonSchemaType.Object,
                            Required = new HashSet<string> { "file" },
                            Properties = new Dictionary<string, IOpenApiSchema>
                            {
                                ["file"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = file },
                            },
                        },
                    },
                },
            };
            return Task.CompletedTask;
        });

    /// <summary>
    /// A JSON body of type <typeparamref name="T"/>, for the document only. <c>Accepts</c> would also have routing refuse
    /// any other body with a bare 415 before the endpoint could say what to send instead.
    /// </summary>
    public static RouteHandlerBuilder DocumentsJsonBody<T>(this RouteHandlerBuilder endpoint) =>
        endpoint.AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(T), cancellationToken: cancellationToken) },
                },
            };
        });

    /// <summary>A file download in one of <paramref name="contentTypes"/>, described as binary.</summary>
    public static RouteHandlerBuilder ProducesFile(this RouteHandlerBuilder endpoint, params string[] contentTypes) =>
        endpoint.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Responses ??= [];
            operation.Responses["200"] = new OpenApiResponse
            {
                Description = "The file.",
                Content = contentTypes.ToDictionary(t => t,
                    _ => new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } }),
            };
            return Task.CompletedTask;
        });

    private static OpenApiSchema Schema(QueryParameterDoc parameter) => new()
    {
        Type = parameter.Type,
        Format = parameter.Format,
        Default = parameter.Default is null ? null
            : parameter.Type == JsonSchemaType.Integer ? JsonValue.Create(int.Parse(parameter.Default, CultureInfo.InvariantCulture))
            : JsonValue.Create(parameter.Default),
        Minimum = parameter.Minimum?.ToString(CultureInfo.InvariantCulture),
        Maximum = parameter.Maximum?.ToString(CultureInfo.InvariantCulture),
        Enum = parameter.Allowed?.Select(a => (JsonNode)JsonValue.Create(a)).ToList(),
    };
}
