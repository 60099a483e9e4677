using Dashboard.Core.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Hosting;

public static class DataProtectionExtensions
{
    /// <summary>
    /// Data Protection with its keys in the database, so every instance behind a load balancer reads the cookies,
    /// tokens and download links any other protected, encrypted with the key-encryption certificate, so that the
    /// database alone gives none of them away.
    /// </summary>
    /// <param name="configuration">
    /// Read here, not later: the framework takes the certificate itself while the services are composed, and a missing
    /// or unusable one stops the app at once, saying what to set.
    /// </param>
    public static IServiceCollection AddDashboardDataProtection(this IServiceCollection services,
        IConfiguration configuration,
        IHostEnvironment environment)
    {
        var options = configuration.GetSection(KeyEncryptionOptions.SectionName).Get<KeyEncryptionOptions>()
            ?? new KeyEncryptionOptions();
        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>()
            ?? new StorageOptions();
        var certificate = KeyEncryptionCertificate.Load(options, environment,
            new DataFolder(Options.Create(storage), environment));
        services.AddSingleton(certificate);
        services.AddSingleton<DataProtectionKeyUpgrade>();
        services.AddDataProtection()
            .SetApplicationName("Dashboard")
            .PersistKeysToDbContext<DashboardDbContext>()
            .ProtectKeysWithCertificate(certificate.Certificate);
        return services;
    }

    /// <summary>
    /// Says which certificate encrypts the keys, and brings what an earlier version stored up to date: run after the
    /// migrations and before anything reads the keys.
    /// </summary>
    public static async Task PrepareDataProtectionKeysAsync(this WebApplication app,
        CancellationToken cancellationToken)
    {
        var certificate = app.Services.GetRequiredService<KeyEncryptionCertificate>();
        if (certificate.MadeForDevelopment)
        {
            app.Logger.LogWarning(
                "No KeyEncryption:CertificatePath is set, so a key-encryption certificate was made for Development " +
                                  "at {Path}. Outside Development the app needs one of yours: " +
                                  "see the README's security section.",
                certificate.Path);
        }
        app.Logger.LogInformation(
            "Data Protection keys are encrypted with the key-encryption certificate {Path} ({Thumbprint})",
            certificate.Path, certificate.Certificate.Thumbprint);
        await app.Services.GetRequiredService<DataProtectionKeyUpgrade>().UpgradeAsync(cancellationToken);
    }
}
