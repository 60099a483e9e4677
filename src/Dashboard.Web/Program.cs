using Dashboard.Core;
using Dashboard.Web.Api;
using Dashboard.Web.Auth;
using Dashboard.Web.Components;
using Dashboard.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddRepositorySettings();

builder.Services.AddDashboardCore();
builder.Services.AddDashboardDataProtection(builder.Configuration, builder.Environment);
builder.Services.AddDashboardAuthentication();
builder.Services.AddDashboardJobs(builder.Configuration);
builder.Services.AddDashboardUi();
builder.Services.AddDashboardPlatform();
builder.Services.AddDashboardTelemetry(builder.Configuration);

var app = builder.Build();
await app.PrepareDatabaseAsync();

app.UseRequestDiagnostics();
app.UseSecurityHeaders();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
}
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseApiErrors();
app.UseResponseCompression();
app.UseAuthentication();
// After authentication, so the limit is per signed-in user.
app.UseRateLimiter();
app.UseRequestTimeouts();
app.UseAuthorization();
app.UseAntiforgery();

app.MapOpenApi().AllowAnonymous();
app.MapHealthEndpoints();
app.MapAnalyticsEndpoints();
app.MapTopListEndpoints();
app.MapHistoryEndpoints();
app.MapDetailEndpoints();
app.MapChartEndpoints();
app.MapImportEndpoints();
app.MapReportEndpoints();
app.MapSyncRunEndpoints();
app.MapApiLogEndpoints();
app.MapPlayerEndpoints();
app.MapTokenEndpoints();
app.MapAccountEndpoints();
app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();
