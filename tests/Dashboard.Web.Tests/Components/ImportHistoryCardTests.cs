using Bunit;
using Dashboard.Core.Imports;
using Dashboard.Web.Components.Pages.Imports;
using Dashboard.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;

namespace Dashboard.Web.Tests.Components;

/// <summary>The Imports page's list: a completed import can be undone once a confirmation says what goes.</summary>
[NoDatabase]
public sealed class ImportHistoryCardTests : DashboardComponentTest
{
    private static readonly DateTime Start = new(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc);

    private readonly FakeImportUndo _undo = new();
    private int _changes;

    public ImportHistoryCardTests() => Services.AddSingleton<ImportUndo>(_undo);

    [Fact]
    public void Only_a_completed_import_can_be_undone_and_a_removed_one_says_so()
    {
        var card = RenderCard(Summary(3, ImportStatus.Completed), Summary(2, ImportStatus.Removed),
            Summary(1, ImportStatus.Failed));

        var rows = card.FindAll("[data-testid=import-row]");
        Assert.Equal(["3"], card.FindAll("[data-testid=undo-import]")
            .Select(b => b.Closest("[data-testid=import-row]")!.GetAttribute("data-import")));
        Assert.Equal("removed", rows[1].QuerySelector(".status-chip")!.GetAttribute("data-status"));
        Assert.Equal("Undone 21 Nov 2026, 10:00", rows[1].QuerySelector("td[title^=Undone]")!.GetAttribute("title"));
    }

    [Fact]
    public async Task The_confirmation_says_how_many_plays_go_and_from_which_days_and_keeping_them_removes_nothing()
    {
        _undo.Preview = new ImportUndoPreview(3, 3_318, 2, new DateOnly(2024, 8, 1), new DateOnly(2024, 12, 9));
        var dialogs = Render<MudDialogProvider>();
        var card = RenderCard(Summary(3, ImportStatus.Completed));

        // Not awaited: the click's handler waits for the listener's answer to the confirmation.
        card.Find("[data-testid=undo-import]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("Undo this import?", dialogs.Markup));
        Assert.Contains("This deletes the 3,318 plays it added, from 1 Aug 2024 to 9 Dec 2024. The 2 plays it merged "
                        + "with synced plays stay, as synced plays. Every figure, chart and session follows. "
                        + "This cannot be undone.",
            dialogs.Find(".mud-dialog").TextContent);
        await Button(dialogs, "Keep them").ClickAsync();

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        Assert.Equal([(UserId, 3)], _undo.Previewed);
        Assert.Empty(_undo.Undone);
        Assert.Equal(0, _changes);
    }

    [Fact]
    public async Task Confirming_undoes_the_import_and_has_the_page_list_the_imports_again()
    {
        _undo.Preview = new ImportUndoPreview(3, 1, 0, new DateOnly(2024, 8, 1), new DateOnly(2024, 8, 1));
        var dialogs = Render<MudDialogProvider>();
        var card = RenderCard(Summary(3, ImportStatus.Completed));

        card.Find("[data-testid=undo-import]").Click();
        dialogs.WaitForAssertion(() =>
            Assert.Contains("This deletes the 1 play it added, on 1 Aug 2024.", dialogs.Markup));
        await Button(dialogs, "Delete 1 play").ClickAsync();

        card.WaitForAssertion(() => Assert.Equal(1, _changes));
        Assert.Equal([(UserId, 3)], _undo.Undone);
        Assert.Empty(card.FindAll("[data-testid=undo-error]"));
    }

    [Fact]
    public async Task An_import_that_cannot_be_undone_any_more_says_why_without_asking()
    {
        _undo.Refusal = "This import was undone already: the plays it added are gone.";
        var dialogs = Render<MudDialogProvider>();
        var card = RenderCard(Summary(3, ImportStatus.Completed));

        await card.Find("[data-testid=undo-import]").ClickAsync();

        card.WaitForAssertion(() =>
            Assert.Equal(_undo.Refusal, card.Find("[data-testid=undo-error]").TextContent.Trim()));
        Assert.Empty(dialogs.FindAll(".mud-dialog"));
        Assert.Empty(_undo.Undone);
        Assert.Equal(1, _changes);
    }

    private IRenderedComponent<ImportHistoryCard> RenderCard(params ImportSummary[] imports) =>
        Render<ImportHistoryCard>(p => p
            .Add(c => c.Imports, imports)
            .Add(c => c.UserId, UserId)
            .Add(c => c.Zone, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"))
            .Add(c => c.OnChanged, () => _changes++));

    private static AngleSharp.Dom.IElement Button(IRenderedComponent<MudDialogProvider> dialogs, string text) =>
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == text);

    private static ImportSummary Summary(int id, ImportStatus status) => new(
        id, status, ["Streaming_History_Audio_2024.json"], 2_000_000, 3_328, 3_328, 3_318, 10, 2, 0,
        new Dictionary<string, int>(), [], null, null, null, Start, Start, Start.AddMinutes(1),
        status == ImportStatus.Removed ? Start.AddDays(1) : null);

    /// <summary>Answers with what the test sets and records what it was asked.</summary>
    private sealed class FakeImportUndo()
        : ImportUndo(null!, null!, TimeProvider.System, NullLogger<ImportUndo>.Instance)
    {
        public ImportUndoPreview? Preview { get; set; }
        public string? Refusal { get; set; }
        public List<(int UserId, int ImportId)> Previewed { get; } = [];
        public List<(int UserId, int ImportId)> Undone { get; } = [];

        public override Task<ImportUndoOutcome> PreviewAsync(int userId, int importId,
            CancellationToken cancellationToken)
        {
            Previewed.Add((userId, importId));
            return Task.FromResult<ImportUndoOutcome>(Refusal is { } reason
                ? new ImportUndoOutcome.Refused(reason)
                : new ImportUndoOutcome.Possible(Preview!));
        }

        public override Task<ImportUndoOutcome> UndoAsync(int userId, int importId,
            CancellationToken cancellationToken)
        {
            Undone.Add((userId, importId));
            return Task.FromResult<ImportUndoOutcome>(new ImportUndoOutcome.Undone(Preview!));
        }
    }
}
