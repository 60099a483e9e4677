using Dashboard.SpotifyEmulator.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dashboard.SpotifyEmulator.Accounts;

/// <summary>
/// <c>/_emulator/users</c>: lists accounts and adds listeners over HTTP, as <see cref="EmulatorState.AddListener"/>
/// does in-process.
/// </summary>
internal static class UserEndpoints
{
    private sealed record NewUserRequest(string? Id, string? DisplayName, int? Seed, string? Product, string? Country,
        string? TimeZone, int? HistoryDays);

    private sealed record UserSummary(string Id, string DisplayName, string Product, string Country, bool HasHistory);

    public static void MapUserControl(this RouteGroupBuilder control, EmulatorState state)
    {
        control.MapGet("/users", () => ApiJson.Ok(state.Users.Select(Summary).ToList()));

        control.MapPost("/users", async (HttpRequest request) =>
        {
            var body = await ControlResults.ReadAsync<NewUserRequest>(request);
            if (body is not { Id.Length: > 0, DisplayName.Length: > 0, Seed: { } seed })
            {
                return ControlResults.Problem("id, display_name and seed are required");
            }
            if (body.Product is not (null or "premium" or "free"))
            {
                return ControlResults.Problem("product must be premium or free");
            }
            if (state.FindUser(body.Id) is not null)
            {
                return ControlResults.Problem($"User '{body.Id}' exists already.", StatusCodes.Status409Conflict);
            }
            var listener = new NewListener(body.Id, body.DisplayName, seed)
            {
                Product = body.Product ?? "premium",
                Country = body.Country ?? "DE",
                TimeZone = body.TimeZone ?? "Europe/Berlin",
            };
            if (body.HistoryDays is { } days)
            {
                listener = listener with { HistoryDays = days };
            }
            try
            {
                var user = state.AddListener(listener);
                return Results.Json(Summary(user), ApiJson.Options, statusCode: StatusCodes.Status201Created);
            }
            catch (ArgumentException e)
            {
                return ControlResults.Problem(e.Message);
            }
        });
    }

    private static UserSummary Summary(EmulatedUser user) =>
        new(user.Id, user.DisplayName, user.Product, user.Country, user.Listener is not null);
}
