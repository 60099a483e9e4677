using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Dashboard.E2E.Support;

/// <summary>
/// What went wrong in a page that a test's own steps do not see: console errors, uncaught exceptions and responses of
/// 400 or more. Tests assert it empty at their end (<see cref="ExpectNone"/>); <see cref="Graphs.ExpectGraphAsync"/>
/// adds it, with the errors the server logged meanwhile, to the message of a step that fails before that, where it is
/// often the cause.
/// </summary>
public sealed class PageErrors
{
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly ServerLog _server;
    private readonly int _serverErrorsBefore;

    private PageErrors(ServerLog server)
    {
        _server = server;
        _serverErrorsBefore = server.Errors.Count;
    }

    public IReadOnlyCollection<string> All => _errors.ToArray();

    public static PageErrors Watch(IPage page, ServerLog server)
    {
        var errors = new PageErrors(server);
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

    /// <summary>Notes what the content security policy refused on the page, and any script error.</summary>
    public static void WatchContentSecurityPolicy(IPage page, ConcurrentQueue<string> violations)
    {
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Enqueue($"{page.Url}: {message.Text}");
            }
        };
        page.PageError += (_, error) => violations.Enqueue($"{page.Url}: page error {error}");
    }

    /// <summary>
    /// Also counts requests that failed; the sign-in's redirects abort requests on purpose, so call it after.
    /// </summary>
    public void WatchFailedRequests(IPage page) =>
        page.RequestFailed += (_, request) =>
            _errors.Enqueue($"failed {request.Method} {request.Url} ({request.ResourceType}): {request.Failure}");

    /// <summary>Fails, naming every error, when the page had any.</summary>
    public void ExpectNone() => Assert.True(_errors.IsEmpty, $"The page had errors: {this}");

    /// <summary>
    /// The page's errors and those the server logged since the page was watched (the server serves every test, so they
    /// may be another test's).
    /// </summary>
    public override string ToString()
    {
        var server = _server.Errors.Skip(_serverErrorsBefore).ToList();
        return $"page: {(_errors.IsEmpty ? "none" : string.Join(" | ", _errors))}; " +
               $"server, meanwhile: {(server.Count == 0 ? "none" : string.Join(" | ", server))}";
    }
}
