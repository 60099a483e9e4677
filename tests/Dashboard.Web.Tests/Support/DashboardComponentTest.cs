using System.Security.Claims;
using Bunit;
using Dashboard.Core.Data;
using Dashboard.Core.Notifications;
using Dashboard.Core.Accounts;
using Dashboard.Web.Auth;
using Dashboard.Web.Components.Shared;
using Dashboard.Web.Tests.Components;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace Dashboard.Web.Tests.Support;

/// <summary>
/// Base of the component tests: MudBlazor's services and loose JS interop. Derived tests add their fakes in
/// their constructor, then render through <see cref="RenderSignedIn{TComponent}"/>.
/// </summary>
/// <remarks>
/// <c>Click()</c> and an unawaited <c>InvokeAsync</c> only queue the event when the renderer is busy (still finishing
/// a render, or painting an answer that came off the thread pool), so what they change may not have happened yet on
/// the next line: await <c>ClickAsync()</c> or <c>InvokeAsync</c> before reading what the event does, and wait with
/// <c>WaitForAssertion</c> for what arrives later.
/// </remarks>
public abstract class DashboardComponentTest : BunitContext
{
    protected const int UserId = 7;

    /// <summary>The cluster channel of an app alone on its (SQLite) database, for notifiers made by hand.</summary>
    protected static readonly ClusterChannel SingleInstance = new(Options.Create(new DatabaseOptions()),
        NullLogger<ClusterChannel>.Instance);

    protected DashboardComponentTest()
    {
        // Answers arrive off the renderer's thread; on a busy two-core CI machine one second is not always enough.
        DefaultWaitTimeout = TimeSpan.FromSeconds(10);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddScoped<CurrentUser>();
        Services.AddScoped<ChosenPeriod>();
        // The pages remember their period in a session cookie through the browser module.
        BrowserModule = JSInterop.SetupModule("./js/browser.js");
        // What every date picker reads for the listener's today; a test with other needs registers its own after.
        Services.AddSingleton<UserAccounts>(new FakeAccounts());
        Services.AddSingleton(TimeProvider.System);
    }

    /// <summary>
    /// Renders interactively on the server, for a signed-in user with id <see cref="UserId"/>, at
    /// <paramref name="address"/> (which supplies query parameters).
    /// </summary>
    protected IRenderedComponent<TComponent> RenderSignedIn<TComponent>(string address = "/") where TComponent
        : IComponent
    {
        SignIn();
        Navigation.NavigateTo(address);
        return Render<TComponent>();
    }

    /// <summary>What renders next renders interactively, for a signed-in user with id <see cref="UserId"/>.</summary>
    protected void SignIn()
    {
        AddAuthorization().SetAuthorized("Test Listener")
            .SetClaims(
                new Claim(ClaimTypes.NameIdentifier,
                    UserId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    protected NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    /// <summary>The module <c>js/browser.js</c>, as the pages import it.</summary>
    protected BunitJSModuleInterop BrowserModule { get; }

    /// <summary>The listener's period memory of this test's circuit.</summary>
    protected ChosenPeriod Chosen => Services.GetRequiredService<ChosenPeriod>();
}
