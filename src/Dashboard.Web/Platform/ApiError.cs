using System.Text.Json.Serialization;
using Dashboard.Web.Api;

namespace Dashboard.Web.Platform;

/// <summary>
/// Writes every error the JSON API answers: a status and <c>{"detail": ...}</c>, a sentence saying what happened and
/// what to do, or for 422 the list of field problems. Endpoints, middleware, authentication, the rate limiter and the
/// request timeout all answer through it, so an error reads the same whichever part of the app refused the request.
/// </summary>
public static class ApiError
{
    public static Task WriteAsync(HttpContext context, int statusCode, string detail) =>
        WriteAsync(context, statusCode, new Body<string>(detail));

    public static Task WriteAsync(HttpContext context, int statusCode, IReadOnlyList<FieldProblem> problems) =>
        WriteAsync(context, statusCode, new Body<IReadOnlyList<FieldProblem>>(problems));

    /// <summary>The same answer, for an endpoint to return.</summary>
    public static IResult Result(int statusCode, string detail) =>
        new ErrorResult(context => WriteAsync(context, statusCode, detail));

    /// <inheritdoc cref="Result(int, string)"/>
    public static IResult Result(int statusCode, IReadOnlyList<FieldProblem> problems) =>
        new ErrorResult(context => WriteAsync(context, statusCode, problems));

    private static Task WriteAsync<T>(HttpContext context, int statusCode, Body<T> body)
    {
        context.Response.StatusCode = statusCode;
        // Not with RequestAborted: the request timeout cancels it before asking for its answer, which must still be
        // written.
        return context.Response.WriteAsJsonAsync(body);
    }

    private sealed record Body<T>([property: JsonPropertyName("detail")] T Detail);

    private sealed class ErrorResult(Func<HttpContext, Task> write) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => write(httpContext);
    }
}
