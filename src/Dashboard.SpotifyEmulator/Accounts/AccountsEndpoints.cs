using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Dashboard.SpotifyEmulator.Accounts;

/// <summary>
/// accounts.spotify.com: <c>/authorize</c> (a consent page) and <c>/api/token</c> (authorization code with
/// PKCE, refresh), with Spotify's error responses.
/// </summary>
internal static class AccountsEndpoints
{
    public static void MapAccounts(this WebApplication app, EmulatorState state)
    {
        app.MapGet("/authorize", (HttpRequest request) => ShowConsent(state, AuthorizeRequest.From(request.Query)));
        app.MapPost("/authorize", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            return Decide(state, AuthorizeRequest.From(form), form["action"], form["user"]);
        });
        app.MapPost("/api/token", async (HttpRequest request) => await Token(state, request));
    }

    private static IResult ShowConsent(EmulatorState state, AuthorizeRequest request)
    {
        if (Validate(state, request) is { } error)
        {
            return error;
        }
        var client = state.FindClient(request.ClientId)!;
        return Results.Content(ConsentPage.Render(client, request, state.Users), "text/html; charset=utf-8");
    }

    private static IResult Decide(EmulatorState state, AuthorizeRequest request, string? action, string? userId)
    {
        if (Validate(state, request) is { } error)
        {
            return error;
        }
        if (action != "accept")
        {
            return Results.Redirect(
                WithQuery(request.RedirectUri!, ("error", "access_denied"), ("state", request.State)));
        }
        var user = state.FindUser(userId);
        if (user is null)
        {
            return ErrorPage("Choose an account to continue.");
        }
        var code = state.IssueCode(new PendingCode(request.ClientId!, request.RedirectUri!, user.Id,
            request.Scope ?? "", request.CodeChallenge, default));
        return Results.Redirect(WithQuery(request.RedirectUri!, ("code", code), ("state", request.State)));
    }

    private static IResult? Validate(EmulatorState state, AuthorizeRequest request)
    {
        var client = state.FindClient(request.ClientId);
        if (client is null)
        {
            return ErrorPage("INVALID_CLIENT: Invalid client");
        }
        if (request.RedirectUri is null || !client.AllowsRedirect(request.RedirectUri))
        {
            return ErrorPage("INVALID_CLIENT: Invalid redirect URI");
        }
        if (request.ResponseType != "code")
        {
            return ErrorPage("unsupported_response_type: response_type must be code");
        }
        if (request.CodeChallenge is not null && request.CodeChallengeMethod != "S256")
        {
            return ErrorPage("INVALID_REQUEST: code_challenge_method must be S256");
        }
        return null;
    }

    private static async Task<IResult> Token(EmulatorState state, HttpRequest request)
    {
        if (!request.HasFormContentType)
        {
            return TokenError("invalid_request", "Content-Type must be application/x-www-form-urlencoded");
        }
        var form = await request.ReadFormAsync();
        var (clientId, clientSecret) = ClientCredentials(request, form);
        var client = state.FindClient(clientId);
        if (client is null)
        {
            return TokenError("invalid_client", "Invalid client");
        }
        var grantType = form["grant_type"].ToString();
        var usesPkce = !string.IsNullOrEmpty(form["code_verifier"]);
        // A confidential client authenticates with its secret; a PKCE client may leave it out.
        if (clientSecret is not null ? clientSecret != client.ClientSecret
            : !(usesPkce || grantType == "refresh_token"))
        {
            return TokenError("invalid_client", "Invalid client secret");
        }

        switch (grantType)
        {
            case "authorization_code":
            {
                var pending = state.RedeemCode(form["code"].ToString());
                if (pending is null || pending.ClientId != client.ClientId)
                {
                    return TokenError("invalid_grant", "Invalid authorization code");
                }
                if (pending.RedirectUri != form["redirect_uri"])
                {
                    return TokenError("invalid_grant", "Invalid redirect URI");
                }
                if (pending.CodeChallenge is not null
                    && Challenge(form["code_verifier"].ToString()) != pending.CodeChallenge)
                {
                    return TokenError("invalid_grant", "code_verifier was incorrect");
                }
                var tokens = state.IssueTokens(pending.UserId, client.ClientId, pending.Scopes,
                    singleUseRefresh: pending.CodeChallenge is not null);
                return TokenResponse(tokens);
            }
            case "refresh_token":
            {
                var outcome = state.Refresh(form["refresh_token"].ToString(), client.ClientId);
                return outcome.Tokens is null ? TokenError("invalid_grant", outcome.Error!)
                    : TokenResponse(outcome.Tokens);
            }
            case "":
                return TokenError("unsupported_grant_type", "grant_type parameter is missing");
            default:
                return TokenError("unsupported_grant_type",
                    $"grant_type must be client_credentials, authorization_code or refresh_token");
        }
    }

    private static (string? Id, string? Secret) ClientCredentials(HttpRequest request, IFormCollection form)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
                var colon = pair.IndexOf(':');
                if (colon > 0)
                {
                    return (pair[..colon], pair[(colon + 1)..]);
                }
            }
            catch (FormatException)
            {
                // Falls through to the form fields, then to invalid_client.
            }
        }
        var secret = form["client_secret"].ToString();
        return (form["client_id"].ToString(), secret.Length == 0 ? null : secret);
    }

    /// <summary>BASE64URL(SHA256(verifier)), the S256 challenge.</summary>
    private static string Challenge(string verifier) =>
        WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    private static IResult TokenResponse(IssuedTokens tokens)
    {
        var body = new Dictionary<string, object>
        {
            ["access_token"] = tokens.AccessToken,
            ["token_type"] = "Bearer",
            ["scope"] = tokens.Scopes,
            ["expires_in"] = tokens.ExpiresIn,
        };
        if (tokens.RefreshToken is not null)
        {
            body["refresh_token"] = tokens.RefreshToken;
        }
        return Results.Json(body);
    }

    private static IResult TokenError(string error, string description) =>
        Results.Json(new Dictionary<string, string> { ["error"] = error, ["error_description"] = description },
            statusCode: StatusCodes.Status400BadRequest);

    private static IResult ErrorPage(string message) =>
        Results.Content(ConsentPage.RenderError(message), "text/html; charset=utf-8", Encoding.UTF8,
            StatusCodes.Status400BadRequest);

    private static string WithQuery(string uri, params (string Name, string? Value)[] parameters)
    {
        var result = uri;
        foreach (var (name, value) in parameters)
        {
            if (value is not null)
            {
                result = QueryHelpers.AddQueryString(result, name, value);
            }
        }
        return result;
    }
}

internal sealed record AuthorizeRequest(string? ClientId, string? ResponseType, string? RedirectUri, string? State,
    string? Scope, string? CodeChallenge, string? CodeChallengeMethod, string? ShowDialog)
{
    public static AuthorizeRequest From(
        IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> values)
    {
        var map = values.ToDictionary(p => p.Key, p => (string?)p.Value.ToString(), StringComparer.Ordinal);
        string? Get(string name) => map.GetValueOrDefault(name) is { Length: > 0 } value ? value : null;
        return new AuthorizeRequest(Get("client_id"), Get("response_type"), Get("redirect_uri"), Get("state"),
            Get("scope"), Get("code_challenge"), Get("code_challenge_method"), Get("show_dialog"));
    }

    public IEnumerable<(string Name, string Value)> Fields()
    {
        (string, string?)[] all =
        [
            ("client_id", ClientId), ("response_type", ResponseType), ("redirect_uri", RedirectUri), ("state", State),
            ("scope", Scope), ("code_challenge", CodeChallenge), ("code_challenge_method", CodeChallengeMethod),
            ("show_dialog", ShowDialog),
        ];
        return all.Where(f => f.Item2 is not null).Select(f => (f.Item1, f.Item2!));
    }
}
