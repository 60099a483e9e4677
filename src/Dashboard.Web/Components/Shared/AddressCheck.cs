using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Shared;

/// <summary>
/// What a page could not use of its address. A bookmark, an old link or a typo may carry a value the page cannot read
/// (<c>period=fortnight</c>, a day that does not exist): the page shows what it can, says what it left out (see
/// <see cref="AddressNotice"/>), and puts the address right, so that it shows the same again when bookmarked or
/// shared.
/// </summary>
public sealed class AddressCheck
{
    private List<string> _reading = [];
    private bool _completed;
    private string? _rewrittenTo;

    /// <summary>What the address left out, each as <c>parameter=value: why</c>; empty when it was all used.</summary>
    public IReadOnlyList<string> Ignored { get; private set; } = [];

    /// <summary>Starts reading an address.</summary>
    public void Begin() => (_reading, _completed) = ([], false);

    /// <summary>Notes that the page filled in what the address left unsaid (the period chosen last).</summary>
    public void Complete() => _completed = true;

    /// <summary>Notes a parameter left out, and why.</summary>
    public void Ignore(string parameter, string? value, string why) =>
        _reading.Add(string.IsNullOrEmpty(value) ? $"{parameter}: {why}" : $"{parameter}={value}: {why}");

    /// <summary>
    /// Ends reading. With something left out or filled in, the address becomes <paramref name="shown"/>, that of what
    /// the page shows (replacing it in the history, once the page is interactive). The address put right keeps the
    /// notice, any other clears it.
    /// </summary>
    /// <returns>Whether the address is being replaced: the page loads once it has been.</returns>
    public bool End(NavigationManager navigation, Func<string> shown, bool interactive)
    {
        if (_reading.Count > 0 || _completed)
        {
            Ignored = _reading;
            var uri = shown();
            // A notice needs the page on screen: an address with something left out is put right once the page is
            // interactive. One only filled in is redirected at once, before the first paint.
            if ((!interactive && _reading.Count > 0) || uri == navigation.Uri)
            {
                return false;
            }
            _rewrittenTo = uri;
            navigation.NavigateTo(uri, replace: true);
            return true;
        }
        if (navigation.Uri != _rewrittenTo)
        {
            Ignored = [];
        }
        _rewrittenTo = null;
        return false;
    }
}
