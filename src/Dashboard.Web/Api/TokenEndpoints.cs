using System.Text.Json;
using Dashboard.Core.Accounts;
using Dashboard.Web.Auth;

namespace Dashboard.Web.Api;

/// <summary>
/// Personal API tokens, as Settings makes them: list, create (the secret answered once), revoke. Only a signed-in
/// session manages them: a token that could make tokens would outlive its own revocation.
/// </summary>
public static class TokenEndpoints
{
    /// <summary>The largest token request read: a name of at most 100 characters fits many times over.</summary>
    public const int MaxRequestBytes = 4 * 1024;

    public static IEndpointRouteBuilder MapTokenEndpoints(this IEndpointRouteBuilder app)
    {
        // A request is JSON only (see CreateAsync), which keeps cookie sessions safe from forged requests.
        var tokens = app.MapGroup("/api/v1/tokens").RequireAuthorization().WithTags("Tokens").DisableAntiforgery()
            .AddEndpointFilter(async (context, next) =>
                context.HttpContext.Request.Headers.Authorization.ToString()
                    .StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? ApiResults.Status(StatusCodes.Status403Forbidden,
                        "API tokens are made and revoked signed in to the dashboard (Settings), not with a token.")
                    : await next(context));

        tokens.MapGet("",
            async (HttpContext context, ApiTokens service, CancellationToken cancellationToken) =>
                Results.Ok(new TokenListResponse(
                    [.. (await service.ListAsync(context.User.UserId()!.Value, cancellationToken))
                        .Select(TokenResponse.Of)])))
            .WithSummary("Your tokens that still work, newest first; their secrets are never shown again.")
            .Produces<TokenListResponse>()
            .ProducesDetail(StatusCodes.Status403Forbidden);

        tokens.MapPost("", CreateAsync)
            .WithSummary(
                "Makes a token named as asked; the answer holds its secret, shown this once. A name one of your " +
                "tokens has already is refused (422).")
            .DocumentsJsonBody<TokenRequestBody>()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxRequestBytes))
            .Produces<TokenCreatedResponse>(StatusCodes.Status201Created)
            .ProducesDetail(StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict,
                StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType)
            .ProducesValidationErrors();

        tokens.MapDelete("/{id:int}",
            async (int id, HttpContext context, ApiTokens service, CancellationToken cancellationToken) =>
                await service.RevokeAsync(context.User.UserId()!.Value, id, cancellationToken)
                    ? Results.NoContent()
                    : ApiResults.NotFound("Token not found"))
            .WithSummary("Revokes a token: anything that sends it is refused from then on.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesDetail(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> CreateAsync(HttpContext context, ApiTokens service,
        CancellationToken cancellationToken)
    {
        if (!context.Request.HasJsonContentType())
        {
            return ApiResults.Status(StatusCodes.Status415UnsupportedMediaType,
                "Send the request as JSON (Content-Type: application/json).");
        }
        if (context.Request.ContentLength > MaxRequestBytes)
        {
            return ApiResults.Status(StatusCodes.Status413PayloadTooLarge,
                $"A token request is at most {MaxRequestBytes / 1024} KB of JSON.");
        }
        TokenRequestBody? body;
        try
        {
            body = await context.Request.ReadFromJsonAsync<TokenRequestBody>(cancellationToken);
        }
        catch (JsonException e)
        {
            return ApiResults.Unprocessable(["body"], $"is not valid JSON: {e.Message}", "json_invalid");
        }
        if (body?.Name is not { } name)
        {
            return ApiResults.Unprocessable(["body", "name"], "is required", "missing");
        }
        return await service.CreateAsync(context.User.UserId()!.Value, name, cancellationToken) switch
        {
            ApiTokenCreation.Created created => Results.Created($"/api/v1/tokens/{created.Token.Id}",
                new TokenCreatedResponse(TokenResponse.Of(created.Token), created.Secret)),
            ApiTokenCreation.Refused { Why: ApiTokenRefusal.TooMany } refused =>
                ApiResults.Status(StatusCodes.Status409Conflict, refused.Reason),
            ApiTokenCreation.Refused { Why: ApiTokenRefusal.DuplicateName } refused =>
                ApiResults.Unprocessable(["body", "name"], refused.Reason, "value_error.duplicate"),
            ApiTokenCreation.Refused refused => ApiResults.Unprocessable(["body", "name"], refused.Reason,
                "value_error"),
            var other => throw new InvalidOperationException($"Unexpected token outcome {other}."),
        };
    }
}

/// <summary>A new token's name: 1 to 100 characters, none of your tokens' names.</summary>
public sealed record TokenRequestBody(string? Name);

/// <summary>A token: <c>prefix</c>, its first characters, tells it apart; the secret itself is never stored.</summary>
public sealed record TokenResponse(int Id, string Name, string Prefix, DateTime CreatedAt, DateTime? LastUsedAt)
{
    public static TokenResponse Of(ApiTokenSummary token) =>
        new(token.Id, token.Name, token.Prefix, DateTime.SpecifyKind(token.CreatedAt, DateTimeKind.Utc),
            token.LastUsedAt is { } used ? DateTime.SpecifyKind(used, DateTimeKind.Utc) : null);
}

public sealed record TokenListResponse(IReadOnlyList<TokenResponse> Items);

/// <summary>The new token and its secret, which is shown this once: send it as <c>Authorization: Bearer</c>.</summary>
public sealed record TokenCreatedResponse(TokenResponse Token, string Secret);
