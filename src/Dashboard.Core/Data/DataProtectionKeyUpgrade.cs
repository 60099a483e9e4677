using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Data;

/// <summary>
/// Brings the Data Protection keys an earlier version left up to date, at start, before anything reads them: key files
/// kept in the data folder move into the database, and keys stored with their secret in clear are encrypted with the
/// key-encryption certificate. The keys stay the same keys, so sign-ins, stored Spotify tokens and download links
/// stay valid.
/// </summary>
public sealed class DataProtectionKeyUpgrade(
    IDbContextFactory<DashboardDbContext> dbFactory,
    DataFolder dataFolder,
    IOptions<KeyManagementOptions> keyManagement,
    ILogger<DataProtectionKeyUpgrade> logger)
{
    /// <summary>Where keys were kept before they moved to the database.</summary>
    public const string LegacyKeysFolder = "keys";

    private static readonly XNamespace DataProtection = "http://schemas.asp.net/2015/03/dataProtection";

    public async Task UpgradeAsync(CancellationToken cancellationToken)
    {
        var encryptor = keyManagement.Value.XmlEncryptor
                        ?? throw new InvalidOperationException(
                            "Data Protection has no key encryptor; keys would be stored in clear.");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var keys = await db.DataProtectionKeys.OrderBy(k => k.Id).ToListAsync(cancellationToken);
        if (keys.Count == 0)
        {
            keys = AdoptKeyFiles();
            db.DataProtectionKeys.AddRange(keys);
        }
        var encrypted = 0;
        foreach (var key in keys)
        {
            if (Encrypted(XElement.Parse(key.Xml!), encryptor) is { } replaced)
            {
                key.Xml = replaced.ToString(SaveOptions.DisableFormatting);
                encrypted++;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        if (encrypted > 0)
        {
            logger.LogInformation(
                "Encrypted {Count} Data Protection key(s) stored in clear with the key-encryption certificate",
                encrypted);
        }
    }

    /// <summary>
    /// An install from before keys lived in the database has them as files in the data folder: without them every
    /// cookie and every stored Spotify token would stop decrypting after the upgrade.
    /// </summary>
    private List<DataProtectionKey> AdoptKeyFiles()
    {
        var folder = Path.Combine(dataFolder.Path, LegacyKeysFolder);
        if (!Directory.Exists(folder))
        {
            return [];
        }
        var keys = Directory.GetFiles(folder, "*.xml").Order(StringComparer.Ordinal)
            .Select(file => new DataProtectionKey
            {
                FriendlyName = Path.GetFileNameWithoutExtension(file),
                Xml = XElement.Load(file).ToString(SaveOptions.DisableFormatting),
            })
            .ToList();
        if (keys.Count > 0)
        {
            logger.LogInformation("Moved {Count} Data Protection key(s) from {Folder} into the database", keys.Count,
                folder);
        }
        return keys;
    }

    /// <summary>
    /// The key with each element marked <c>requiresEncryption</c> replaced by the encryptor's envelope, exactly as the
    /// key manager stores a key it makes (its own routine for this is internal), so it reads both alike; null when no
    /// secret of the key is in clear.
    /// </summary>
    private static XElement? Encrypted(XElement key, IXmlEncryptor encryptor)
    {
        var secrets = key.Descendants().Where(e => (bool?)e.Attribute(DataProtection + "requiresEncryption") == true)
            .ToList();
        if (secrets.Count == 0)
        {
            return null;
        }
        foreach (var secret in secrets)
        {
            // Encrypted apart from the key, in a document of its own, as the key manager does.
            var alone = new XElement(secret);
            _ = new XDocument(alone);
            var envelope = encryptor.Encrypt(alone);
            secret.ReplaceWith(new XElement(DataProtection + "encryptedSecret",
                new XAttribute("decryptorType", envelope.DecryptorType.AssemblyQualifiedName!),
                envelope.EncryptedElement));
        }
        return key;
    }
}
