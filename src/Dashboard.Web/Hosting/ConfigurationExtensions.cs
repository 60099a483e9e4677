using Microsoft.Extensions.Configuration.Json;

namespace Dashboard.Web.Hosting;

public static class ConfigurationExtensions
{
    /// <summary>
    /// In Development, loads <c>appsettings.Development.json</c> from the repository root, right after the
    /// project's own appsettings files, so user secrets, environment variables and the command line still win.
    /// </summary>
    public static WebApplicationBuilder AddRepositorySettings(this WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment()
            || FindRepositoryRoot(builder.Environment.ContentRootPath) is not { } root)
        {
            return builder;
        }
        var sources = builder.Configuration.Sources;
        var index = sources.Select((source, i) => (source, i))
            .Where(x => x.source is JsonConfigurationSource { Path: { } path }
                && path.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase))
            .Select(x => x.i + 1)
            .DefaultIfEmpty(sources.Count)
            .Max();
        var rootSettings = new JsonConfigurationSource
        {
            Path = "appsettings.Development.json",
            Optional = true,
            ReloadOnChange = true,
            FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(root),
        };
        sources.Insert(index, rootSettings);
        return builder;
    }

    private static string? FindRepositoryRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Dashboard.sln")))
            {
                return directory.FullName;
            }
        }
        return null;
    }
}
