using Dashboard.Core.Analytics;
using Microsoft.JSInterop;

namespace Dashboard.Web.Components.Shared;

/// <summary>
/// The period the listener chose last, for the browser session: Overview, Top lists, Trend and Habits open on it when
/// their address names none, and the menu's links to them carry it, so moving between them keeps it. A session cookie
/// keeps it across reloads and new tabs until the browser closes; the server reads it when a circuit starts.
/// </summary>
public sealed class ChosenPeriod(IJSRuntime js) : IAsyncDisposable
{
    public const string CookieName = "dashboard.period";

    private IJSObjectReference? _module;

    /// <summary>The period chosen last; null before any.</summary>
    public PeriodSelection? Current { get; private set; }

    /// <summary>Raised when another period is chosen, for the links that carry it.</summary>
    public event Action? Changed;

    /// <summary>Takes the cookie's period, read when the circuit started, unless one was chosen since.</summary>
    public void Restore(string? cookie) => Current ??= Parse(cookie);

    /// <summary>
    /// The period a page shows: the one its address names, or, when it names none (a menu link, a bookmark without
    /// one), the one chosen last, which <paramref name="check"/> then puts in the address; a month before any.
    /// </summary>
    public PeriodSelection Read(string? period, string? from, string? to, AddressCheck check)
    {
        if (Current is { } chosen
            && string.IsNullOrEmpty(period) && string.IsNullOrEmpty(from) && string.IsNullOrEmpty(to))
        {
            check.Complete();
            return chosen;
        }
        return PeriodQuery.Parse(period, from, to, Current ?? PeriodSelection.Month, check);
    }

    /// <summary>The address of a page with a period (<paramref name="path"/>) showing the period chosen last.</summary>
    public string Link(string path) => Current is { } chosen
        ? $"{path}?{PeriodQuery.Parameters(chosen)}"
        : path;

    /// <summary>
    /// Remembers the period a page shows when its address names one (a choice made, a link followed), once the page
    /// is interactive: the cookie is written through the browser.
    /// </summary>
    public Task KeepAsync(PeriodSelection shown, string? addressPeriod, bool interactive) =>
        interactive && !string.IsNullOrEmpty(addressPeriod) ? RememberAsync(shown) : Task.CompletedTask;

    /// <summary>Remembers the period a page shows, for the other pages and, in the cookie, for the session.</summary>
    public async Task RememberAsync(PeriodSelection selection)
    {
        if (selection == Current)
        {
            return;
        }
        Current = selection;
        Changed?.Invoke();
        try
        {
            _module ??= await js.InvokeAsync<IJSObjectReference>("import", "./js/browser.js");
            await _module.InvokeVoidAsync("rememberForSession", CookieName, Key(selection));
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone: the next one starts from the cookie as it was.
        }
    }

    /// <summary>The period as the cookie keeps it: <c>year</c>, or <c>2025-01-01..2025-03-31</c> for a range.</summary>
    public static string Key(PeriodSelection selection) =>
        selection is { Period: Period.Custom, From: { } from, To: { } to }
            ? $"{PeriodQuery.Day(from)}..{PeriodQuery.Day(to)}"
            : selection.Period.Key();

    /// <summary>A cookie's period; null when it holds none this app can read, such as days not accepted.</summary>
    public static PeriodSelection? Parse(string? key)
    {
        var days = key?.Split("..");
        var (period, from, to) = days is [var first, var last] ? ("custom", first, last) : (key, null, null);
        return string.IsNullOrEmpty(key)
            || !Periods.TryParse(period, from, to, PeriodSelection.Month, out var selection, out _)
            ? null
            : selection;
    }

    public async ValueTask DisposeAsync()
    {
        if (_module is not null)
        {
            try
            {
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone; so is the module.
            }
        }
    }
}
