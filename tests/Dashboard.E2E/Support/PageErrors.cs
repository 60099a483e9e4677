using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Dashboard.E2E.Support;

/// <summary>
/// What went wrong in a page that a test's own steps do not see: console errors, uncaught exceptions and responses of
/// 400 or more. Tests assert it empty at their end; <see cref="Charts.ExpectChartAsync"/> adds it, with the errors the
/// server logged, to the message of a step that fails before that, where it is often the cause.
/// </summary>
public sealed class PageErrors
{
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly ServerLog _server;

    private PageErrors(ServerLog server) => _server = server;

    public IReadOnlyCollection<string> All => _errors.ToArray();

    public static PageErrors Watch(IPage page, AppServer app)
    {
        var errors = new PageErrors(app.Log);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors._errors.Enqueue(message.Text);
            }
        };
        page.PageError += (_, error) => errors._errors.Enqueue($"page error: {error}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                errors._errors.Enqueue($"{response.Status} {response.Url}");
            }
        };
        return errors;
    }

    /// <summary>Also counts requests that failed; the sign-in's redirects abort requests on purpose, so call it after.</summary>
    public void WatchFailedRequests(IPage page) =>
        page.RequestFailed += (_, request) => _errors.Enqueue($"failed {request.Url}: {request.Failure}");

    public override string ToString() =>
        $"page: {(_errors.IsEmpty ? "none" : string.Join(" | ", _errors))}; server: {(_server.Errors.Count == 0 ? "none" : string.Join(" | ", _server.Errors))}";
}
