using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Dashboard.Web.Api;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c>: its title, the two ways to sign in, and the answers every
/// <c>/api/v1</c> endpoint can give whatever it does (401, 429, 500, 503, and 504 unless it has no time limit), so each
/// endpoint only declares its own.
/// </summary>
public static class ApiDocument
{
    private const string BearerScheme = "bearer";
    private const string CookieScheme = "cookie";

    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Dashboard API",
                Version = "v1",
                Description =
                    "Your Spotify listening, as the dashboard's pages show it. Sign in with the browser's cookie, " +
                    "or send a " +
                              "personal API token (Settings > API tokens) as `Authorization: Bearer dash_...`. " +
                              "Every answer " +
                              "carries an `X-Request-ID`. Errors are `{\"detail\": ...}`; " +
                              "bad parameters are 422 with a list of " +
                              "`{loc, msg, type}`.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "A personal API token from Settings.",
            };
            document.Components.SecuritySchemes[CookieScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Cookie,
                Name = "dashboard.auth",
                Description = "The browser's sign-in cookie.",
            };
            return Task.CompletedTask;
        });

        options.AddOperationTransformer(QueryParameterDocs.DescribeAsync);
        options.AddOperationTransformer(async (operation, context, cancellationToken) =>
        {
            if (context.Description.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) != true)
            {
                return;
            }
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            var signedIn = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
            if (signedIn)
            {
                operation.Security =
                [
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme,
                    context.Document)] = [] },
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(CookieScheme,
                    context.Document)] = [] },
                ];
                await AddAsync(operation, context, StatusCodes.Status401Unauthorized,
                    "Not signed in, or the token is unknown or revoked.", cancellationToken);
            }
            await AddAsync(operation, context, StatusCodes.Status429TooManyRequests,
                "Over the rate limit; Retry-After says how many seconds to wait.", cancellationToken, retryAfter: true);
            await AddAsync(operation, context, StatusCodes.Status500InternalServerError,
                "Something failed; the log has the request id.", cancellationToken);
            await AddAsync(operation, context, StatusCodes.Status503ServiceUnavailable,
                "The database cannot be reached; Retry-After says when to try again.", cancellationToken,
                retryAfter: true);
            if (!metadata.OfType<Microsoft.AspNetCore.Http.Timeouts.DisableRequestTimeoutAttribute>().Any())
            {
                await AddAsync(operation, context, StatusCodes.Status504GatewayTimeout,
                    "The request took longer than its time limit (RequestTimeouts, 30 s by default) and was stopped.",
                    cancellationToken);
            }
        });
    }

    private static async Task AddAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context,
        int status, string description,
        CancellationToken cancellationToken, bool retryAfter = false)
    {
        operation.Responses ??= [];
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses.ContainsKey(key))
        {
            return;
        }
        var schema = await context.GetOrCreateSchemaAsync(typeof(ErrorDetail), null, cancellationToken);
        var response = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
        };
        if (retryAfter)
        {
            response.Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["Retry-After"] = new OpenApiHeader { Description = "Seconds to wait.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer } },
            };
        }
        operation.Responses[key] = response;
    }
}
