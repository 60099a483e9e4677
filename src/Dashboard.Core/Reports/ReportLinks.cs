using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Reports;

/// <summary>A download link and when it stops working.</summary>
public sealed record ReportLink(string Url, DateTimeOffset ExpiresAt);

public enum LinkCheck
{
    Valid,

    /// <summary>Genuine, but past its time: the owner should open the report again for a fresh link.</summary>
    Expired,

    /// <summary>Not made by us, altered, or for another report.</summary>
    Invalid,
}

/// <summary>
/// Pre-signed download links: the link carries the report, its owner and its expiry, encrypted and signed with
/// the app's Data Protection keys, so it works without the cookie (a script, a download manager) and cannot be
/// altered or moved to another report. The owner is checked again against the database on download.
/// </summary>
public sealed class ReportLinks(IDataProtectionProvider protection, TimeProvider clock, IOptions<ReportOptions> options)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Dashboard.Reports.DownloadLink.v1");

    public static string DownloadPath(Guid reportId) => $"/api/v1/reports/{reportId}/download";

    public ReportLink Create(Report report)
    {
        var expiresAt = clock.GetUtcNow() + options.Value.LinkLifetime;
        var token =
            _protector.Protect(
                string.Join('|', report.Id.ToString("N"), report.UserId.ToString(CultureInfo.InvariantCulture),
            expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        return new ReportLink($"{DownloadPath(report.Id)}?token={token}", expiresAt);
    }

    /// <param name="userId">The owner the link was made for, when it is genuine.</param>
    public LinkCheck Check(Guid reportId, string? token, out int userId)
    {
        userId = 0;
        if (string.IsNullOrEmpty(token))
        {
            return LinkCheck.Invalid;
        }
        string payload;
        try
        {
            payload = _protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            return LinkCheck.Invalid;
        }
        var parts = payload.Split('|');
        if (parts.Length != 3
            || !Guid.TryParseExact(parts[0], "N", out var id) || id != reportId
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out userId)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            return LinkCheck.Invalid;
        }
        return clock.GetUtcNow().ToUnixTimeSeconds() < expires ? LinkCheck.Valid : LinkCheck.Expired;
    }
}
