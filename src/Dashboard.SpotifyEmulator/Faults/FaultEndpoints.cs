using System.Text.Json;
using Dashboard.SpotifyEmulator.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dashboard.SpotifyEmulator.Faults;

/// <summary>
/// <c>/_emulator/faults</c>: injects, lists and clears faults over HTTP, as <see cref="EmulatorFaults"/> does
/// in-process; a <c>user_id</c> keeps a fault to that user's calls. <c>revoked_refresh_tokens</c> is not queued: it
/// revokes the user's refresh tokens at once.
/// </summary>
internal static class FaultEndpoints
{
    private sealed record FaultRequest(string? Kind, int? Calls, string? PathPrefix, int? Status,
        int? RetryAfterSeconds,
        int? DelayMs, string? UserId);

    private sealed record PendingFault(string Kind, int Calls, string? PathPrefix, int? Status, int? RetryAfterSeconds,
        int? DelayMs, string? UserId);

    public static void MapFaultControl(this RouteGroupBuilder control, EmulatorState state)
    {
        control.MapGet("/faults", () => ApiJson.Ok(state.Faults.Pending.Select(Describe).ToList()));

        control.MapDelete("/faults", () =>
        {
            state.Faults.Clear();
            return Results.NoContent();
        });

        control.MapPost("/faults", async (HttpRequest request) =>
        {
            var body = await ControlResults.ReadAsync<FaultRequest>(request);
            var revoke = body?.Kind == "revoked_refresh_tokens";
            // A revocation needs the user; any other fault may name one, to keep to that user's calls.
            var user = state.FindUser(body?.UserId);
            if (user is null && (revoke || body?.UserId is not null))
            {
                return ControlResults.Problem("user_id must name an existing user", StatusCodes.Status404NotFound);
            }
            if (revoke)
            {
                state.RevokeRefreshTokens(user!.Id);
                return Results.NoContent();
            }
            try
            {
                var fault = body is null ? null : Build(body);
                if (fault is null)
                {
                    return ControlResults.Problem(
                        "kind must be too_many_requests, server_error, delay, null_tracks, " +
                        "forbidden or revoked_refresh_tokens");
                }
                if (user is not null)
                {
                    fault = fault.For(user.Id);
                }
                state.Faults.Inject(fault);
                return Results.Json(Describe(fault), ApiJson.Options, statusCode: StatusCodes.Status201Created);
            }
            catch (ArgumentException e)
            {
                return ControlResults.Problem(e.Message);
            }
        });
    }

    private static Fault? Build(FaultRequest body)
    {
        var calls = body.Calls ?? 1;
        return body.Kind switch
        {
            "too_many_requests" => Fault.TooManyRequests(body.RetryAfterSeconds ?? 1, calls, body.PathPrefix),
            "server_error" => Fault.ServerError(body.Status ?? 500, calls, body.PathPrefix),
            "delay" => Fault.Delayed(TimeSpan.FromMilliseconds(body.DelayMs ?? 0), calls, body.PathPrefix),
            "null_tracks" => Fault.NullTracks(calls),

            "forbidden" => Fault.Forbidden(body.Calls ?? 1, body.PathPrefix),
            "quota_exceeded" => Fault.QuotaExceeded(calls, body.PathPrefix),
            _ => null,
        };
    }

    private static PendingFault Describe(Fault fault) => new(
        JsonNamingPolicy.SnakeCaseLower.ConvertName(fault.Kind.ToString()),
        fault.Calls,
        fault.PathPrefix,
        fault.Kind == FaultKind.ServerError ? fault.Status : null,
        fault.Kind == FaultKind.TooManyRequests ? fault.RetryAfterSeconds : null,
        fault.Kind == FaultKind.Delay ? (int)fault.Delay.TotalMilliseconds : null,
        fault.UserId);
}
