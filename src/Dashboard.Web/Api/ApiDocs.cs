using Microsoft.OpenApi;

namespace Dashboard.Web.Api;

/// <summary>The error bodies, as types the OpenAPI document can show.</summary>
public sealed record ErrorDetail(string Detail);

public sealed record ValidationErrors(IReadOnlyList<FieldProblem> Detail);

/// <summary>
/// Describes in the OpenAPI document what of the JSON API's endpoints it cannot see: path ids, bodies the endpoints
/// read themselves, and the errors each can answer. Query parameters are described from their records (<see
/// cref="QueryParameterDocs"/>).
/// </summary>
public static class ApiDocs
{
    /// <summary>
    /// Documents the path parameter <paramref name="name"/> as a positive whole number. The route keeps it a string (no
    /// <c>:int</c> constraint) so that every bad id, <c>abc</c> as much as <c>-4</c>, is answered 422 by the endpoint
    /// rather than some with routing's 404; the endpoint reads it itself.
    /// </summary>
    public static RouteHandlerBuilder WithPositiveIdInPath(this RouteHandlerBuilder endpoint, string name) =>
        endpoint.WithPositiveIdInPath(name, "The dashboard's id of the item, as the top lists and history give it.",
            "int32");

    /// <inheritdoc cref="WithPositiveIdInPath(RouteHandlerBuilder, string)"/>
    /// <param name="description">What the id names.</param>
    /// <param name="format">The id's integer format: <c>int32</c>, or <c>int64</c> for plays.</param>
    public static RouteHandlerBuilder WithPositiveIdInPath(this RouteHandlerBuilder endpoint, string name,
        string description, string format) =>
        endpoint.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>()
                .Where(p => p.Name == name && p.In == ParameterLocation.Path))
            {
                parameter.Description = description;
                parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = format, Minimum = "1" };
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
    /// A JSON body of type <typeparamref name="T"/>, for the document only. <c>Accepts</c> would also have routing
    /// refuse any other body with a bare 415 before the endpoint could say what to send instead.
    /// </summary>
    public static RouteHandlerBuilder DocumentsJsonBody<T>(this RouteHandlerBuilder endpoint) =>
        endpoint.AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
            operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] =
                    new() { Schema = await context.GetOrCreateSchemaAsync(typeof(T),
                        cancellationToken: cancellationToken) },
            },
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
                    _ => new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String,
                    Format = "binary" } }),
            };
            return Task.CompletedTask;
        });
}
