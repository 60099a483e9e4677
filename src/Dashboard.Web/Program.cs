using Dashboard.Core;
using Dashboard.Web.Api;
using Dashboard.Web.Auth;
using Dashboard.Web.Components;
using Dashboard.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddRepositorySettings();

builder.Services.AddDashboardCore();
builder.Services.AddDashboardAuthentication();
builder.Services.AddDashboardJobs(builder.Configuration);
builder.Services.AddDashboardUi();

var app = builder.Build();
await app.PrepareDatabaseAsync();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
}
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapHealthEndpoints();
app.MapImportEndpoints();
app.MapReportEndpoints();
app.MapSyncJobEndpoints();
app.MapApiLogEndpoints();
app.MapPlayerEndpoints();
app.MapAccountEndpoints();
app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();
