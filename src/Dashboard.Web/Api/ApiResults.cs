using Dashboard.Web.Platform;

namespace Dashboard.Web.Api;

/// <summary>The JSON API's error answers for endpoints to return, written by <see cref="ApiError"/>.</summary>
public static class ApiResults
{
    public static IResult Unprocessable(string[] location, string message, string type) =>
        Unprocessable([new FieldProblem(location, message, type)]);

    public static IResult Unprocessable(IReadOnlyList<FieldProblem> problems) =>
        ApiError.Result(StatusCodes.Status422UnprocessableEntity, problems);

    public static IResult NotFound(string message) => ApiError.Result(StatusCodes.Status404NotFound, message);

    public static IResult Status(int statusCode, string message) => ApiError.Result(statusCode, message);
}
