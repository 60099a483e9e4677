using Dashboard.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace Dashboard.Web.Tests.Hosting;

[NoDatabase]
public sealed class RepositorySettingsTests
{
    [Fact]
    public void In_development_the_root_settings_load_after_the_projects_and_before_secrets_and_environment()
    {
        var root = RepositoryRoot();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Development",
            ContentRootPath = Path.Combine(root, "src", "Dashboard.Web"),
            ApplicationName = "Dashboard.Web",
        });

        builder.AddRepositorySettings();

        var sources = builder.Configuration.Sources.ToList();
        var rootFile = sources.FindIndex(s => s is JsonConfigurationSource { FileProvider: PhysicalFileProvider p }
            && p.Root.TrimEnd('/') == root);
        var projectFile = sources.FindIndex(s => s is JsonConfigurationSource { Path: "appsettings.Development.json" } j
            && j != sources[rootFile]);
        var secrets = sources.FindIndex(s => s is JsonConfigurationSource { Path: "secrets.json" });
        var environment = sources.FindLastIndex(s => s is EnvironmentVariablesConfigurationSource);
        Assert.True(rootFile > projectFile, "The root file comes after the project's own settings.");
        Assert.True(secrets > rootFile, "User secrets still win over the root file.");
        Assert.True(environment > rootFile, "Environment variables still win over the root file.");
        Assert.Equal("Warning",
            builder.Configuration["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"]);
    }

    [Fact]
    public void Outside_development_the_root_settings_are_not_loaded()
    {
        var root = RepositoryRoot();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Production",
            ContentRootPath = Path.Combine(root, "src", "Dashboard.Web"),
        });

        builder.AddRepositorySettings();

        Assert.DoesNotContain(builder.Configuration.Sources,
            s => s is JsonConfigurationSource { FileProvider: PhysicalFileProvider p } && p.Root.TrimEnd('/') == root);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory!.FullName, "Dashboard.sln")))
        {
            directory = directory.Parent;
        }
        return directory.FullName;
    }
}
