using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Data;

/// <summary>
/// Stores Data Protection keys in the database (ASP.NET's own EF Core store is not available here, and it is this
/// small). The key manager calls it synchronously, rarely: at start, and when a key is created or nears expiry.
/// </summary>
public sealed class DatabaseKeyRepository(IDbContextFactory<DashboardDbContext> dbFactory, DataFolder dataFolder,
    ILogger<DatabaseKeyRepository> logger) : IXmlRepository
{
    /// <summary>Where keys were kept before they moved to the database; read once, so existing sign-ins stay valid.</summary>
    public const string LegacyKeysFolder = "keys";

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var db = dbFactory.CreateDbContext();
        var keys = db.DataProtectionKeys.AsNoTracking().OrderBy(k => k.Id).Select(k => k.Xml).ToList();
        if (keys.Count == 0)
        {
            keys = AdoptKeyFiles(db);
        }
        return keys.Select(xml => XElement.Parse(xml)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var db = dbFactory.CreateDbContext();
        db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }

    /// <summary>
    /// An install from before keys lived in the database has them as files in the data folder: they are copied in,
    /// or every cookie and every stored Spotify token would stop decrypting after the upgrade.
    /// </summary>
    private List<string> AdoptKeyFiles(DashboardDbContext db)
    {
        var folder = Path.Combine(dataFolder.Path, LegacyKeysFolder);
        if (!Directory.Exists(folder))
        {
            return [];
        }
        var files = Directory.GetFiles(folder, "*.xml").Order(StringComparer.Ordinal).ToList();
        foreach (var file in files)
        {
            db.DataProtectionKeys.Add(new DataProtectionKey
            {
                FriendlyName = Path.GetFileNameWithoutExtension(file),
                Xml = XElement.Load(file).ToString(SaveOptions.DisableFormatting),
            });
        }
        db.SaveChanges();
        if (files.Count > 0)
        {
            logger.LogInformation("Moved {Count} Data Protection key(s) from {Folder} into the database", files.Count, folder);
        }
        return db.DataProtectionKeys.AsNoTracking().OrderBy(k => k.Id).Select(k => k.Xml).ToList();
    }
}
