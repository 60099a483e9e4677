using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Dashboard.SpotifyEmulator;
using Dashboard.Web.Demo;
using Dashboard.Web.Tests.Support;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Hosting;

/// <summary>
/// The Data Protection keys in the database (which protect Spotify tokens, sign-in cookies and download links) are
/// encrypted with a certificate kept outside it: the database alone gives nothing away.
/// </summary>
[RunsLong]
public sealed class KeyEncryptionTests
{
    private const string TokenPurpose = "Dashboard.SpotifyTokens.v1";
    private const string Listener = "keyed";
    private static readonly XNamespace DataProtection = "http://schemas.asp.net/2015/03/dataProtection";

    public enum CertificateFile { Pfx, Pem, EncryptedPem, ExpiredPfx }

    [Theory]
    [InlineData(CertificateFile.Pfx)]
    [InlineData(CertificateFile.Pem)]
    [InlineData(CertificateFile.EncryptedPem)]
    [InlineData(CertificateFile.ExpiredPfx)] // a certificate that only encrypts may outlive its dates
    public async Task A_copy_of_the_database_alone_cannot_decrypt_a_stored_token_and_with_the_certificate_it_can(
        CertificateFile format)
    {
        var certificate = format switch
        {
            CertificateFile.Pfx => TestKeyEncryption.Certificate,
            CertificateFile.ExpiredPfx => TestKeyEncryption.Make(expired: true),
            _ => TestKeyEncryption.Make(),
        };
        var settings = format switch
        {
            CertificateFile.Pem => new Dictionary<string, string>
            {
                ["KeyEncryption:CertificatePath"] = TestKeyEncryption.WritePem(certificate),
                ["KeyEncryption:CertificatePassword"] = "",
            },
            CertificateFile.EncryptedPem => new Dictionary<string, string>
            {
                ["KeyEncryption:CertificatePath"] = TestKeyEncryption.WritePem(certificate, "pem password"),
                ["KeyEncryption:CertificatePassword"] = "pem password",
            },
            CertificateFile.ExpiredPfx => new Dictionary<string, string>
            {
                ["KeyEncryption:CertificatePath"] = TestKeyEncryption.WritePfx(certificate, "expired password"),
                ["KeyEncryption:CertificatePassword"] = "expired password",
            },
            _ => [],
        };
        await using var factory = new DashboardFactory { Settings = settings };
        using var signedIn = await SignInKeyedListenerAsync(factory);
        var (keys, stored) = await CopyOfDatabaseAsync(factory);

        Assert.ThrowsAny<CryptographicException>(() => TokenProtector(keys, certificate: null).Unprotect(stored));
        Assert.All(keys, AssertEncrypted);
        // What the certificate opens is the token Spotify (here the emulator) issued.
        Assert.Equal(Listener, await ProfileIdAsync(factory, TokenProtector(keys, certificate).Unprotect(stored)));
    }

    [Fact]
    public async Task Keys_an_earlier_version_stored_unencrypted_are_encrypted_at_start_and_nobody_is_signed_out()
    {
        var cookies = new CookieContainer();
        string folder;
        TestDatabase database;
        string storedToken, accessToken;
        await using (var before = new DashboardFactory(keepData: true))
        {
            using var signedIn = await SignInKeyedListenerAsync(before, cookies);
            await StoreKeysAsAnEarlierVersionDidAsync(before);
            (folder, database) = (before.DataFolder, before.Database);
            (var clear, storedToken) = await CopyOfDatabaseAsync(before);
            accessToken = TokenProtector(clear, certificate: null).Unprotect(storedToken);
            Assert.Equal(Listener, await ProfileIdAsync(before, accessToken));
        }

        await using var after = new DashboardFactory(folder, database: database);
        using var client = after.CreateDefaultClient(new CookieContainerHandler(cookies));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/analytics/rollup-status")).StatusCode);
        var (keys, _) = await CopyOfDatabaseAsync(after);
        Assert.All(keys, AssertEncrypted);
        Assert.ThrowsAny<CryptographicException>(() => TokenProtector(keys, certificate: null).Unprotect(storedToken));
        Assert.Equal(accessToken, TokenProtector(keys, TestKeyEncryption.Certificate).Unprotect(storedToken));
        Assert.Contains(
            "Information: Encrypted 1 Data Protection key(s) stored in clear with the key-encryption certificate",
            after.Log.Messages);
    }

    [Fact]
    public async Task Key_files_an_older_version_kept_in_the_data_folder_are_moved_into_the_database_encrypted()
    {
        var folder = Path.Combine(Path.GetTempPath(), "dashboard-web-tests", Guid.NewGuid().ToString("N"));
        var keyFiles = Path.Combine(folder, "keys");
        var older = new ServiceCollection().AddDataProtection().SetApplicationName("Dashboard")
            .PersistKeysToFileSystem(new DirectoryInfo(keyFiles)).Services.BuildServiceProvider();
        var stored = older.GetDataProtector(TokenPurpose).Protect("a token from before");

        await using var factory = new DashboardFactory(folder);

        Assert.Equal("a token from before", factory.Services.GetDataProtector(TokenPurpose).Unprotect(stored));
        var (keys, _) = await CopyOfDatabaseAsync(factory);
        AssertEncrypted(Assert.Single(keys));
        Assert.Contains($"Information: Moved 1 Data Protection key(s) from {keyFiles} into the database",
            factory.Log.Messages);
    }

    [Fact]
    public async Task Outside_development_without_a_certificate_the_app_stops_and_says_how_to_make_and_set_one()
    {
        await using var factory =
            new DashboardFactory { Settings =
                new Dictionary<string, string> { ["KeyEncryption:CertificatePath"] = "" } };

        var error = Assert.Throws<InvalidOperationException>(() => factory.Server);

        Assert.Equal(
            "No key-encryption certificate is configured. The keys that protect Spotify tokens, " +
            "sign-in cookies and download " +
            "links are kept in the database, encrypted with a certificate kept outside it: " +
            "set KeyEncryption:CertificatePath " +
            "to a PFX or PEM file holding a certificate and its private key, " +
            "and KeyEncryption:CertificatePassword to its " +
            "password. Make one with: openssl req -x509 -newkey rsa:3072 -sha256 -days 3650 -nodes -subj " +
            "\"/CN=Dashboard key encryption\" -keyout key-encryption.key -out key-encryption.crt && openssl pkcs12 " +
            "-export " +
            "-in key-encryption.crt -inkey key-encryption.key -out key-encryption.pfx (it asks for the password). " +
            "Back it up " +
            "with the database: without it the database's keys cannot be read.",
            error.Message);
    }

    [Fact]
    public async Task A_certificate_the_app_cannot_use_stops_it_at_start_saying_which_and_why()
    {
        var missing = Path.Combine(Path.GetTempPath(), "dashboard-web-tests", "no-such-certificate.pfx");
        var withoutKey = TestKeyEncryption.WritePem(TestKeyEncryption.Make(), withKey: false);
        var pfx = TestKeyEncryption.Settings.First(s => s.Key == "KeyEncryption:CertificatePath").Value;

        var messages = new List<string>();
        foreach (var (path, password) in new[] { (missing, ""), (pfx, "not the password"), (withoutKey, "") })
        {
            await using var factory = new DashboardFactory
            {
                Settings = new Dictionary<string, string> { ["KeyEncryption:CertificatePath"] = path,
                    ["KeyEncryption:CertificatePassword"] = password },
            };
            messages.Add(Assert.Throws<InvalidOperationException>(() => factory.Server).Message);
        }

        Assert.Equal(
        [
            $"The key-encryption certificate {missing} (KeyEncryption:CertificatePath) does not exist.",
            $"The key-encryption certificate {pfx} could not be opened: it is not a PFX or PEM file, or " +
            "KeyEncryption:CertificatePassword is not its password.",
            $"The key-encryption certificate {withoutKey} holds no private key, " +
            "which the app needs to read the keys it " +
            "encrypted: use a PFX, or a PEM file with the certificate and its key.",
        ], messages);
    }

    [Fact]
    public async Task In_development_without_a_certificate_one_is_made_in_the_data_folder_once_and_its_place_logged()
    {
        var noCertificate = new Dictionary<string, string> { ["KeyEncryption:CertificatePath"] = "" };
        var cookies = new CookieContainer();
        string folder;
        TestDatabase database;
        string thumbprint;
        await using (
            var first = new DashboardFactory(keepData: true) { Environment = "Development", DemoMode = false,
                Settings = noCertificate })
        {
            using var signedIn = await SignInKeyedListenerAsync(first, cookies);
            var made = Path.Combine(first.DataFolder, "key-encryption.pfx");
            Assert.Contains(
                $"Warning: No KeyEncryption:CertificatePath is set, " +
                $"so a key-encryption certificate was made for Development at {made}. " +
                "Outside Development the app needs one of yours: see the README's security section.",
                first.Log.Messages);
            thumbprint = X509CertificateLoader.LoadPkcs12FromFile(made, null).Thumbprint;
            var (keys, stored) = await CopyOfDatabaseAsync(first);
            Assert.All(keys, AssertEncrypted);
            Assert.Equal(Listener,
                await ProfileIdAsync(first,
                    TokenProtector(keys, X509CertificateLoader.LoadPkcs12FromFile(made, null)).Unprotect(stored)));
            (folder, database) = (first.DataFolder, first.Database);
        }

        await using var again = new DashboardFactory(folder, database: database) { Environment = "Development",
            DemoMode = false, Settings = noCertificate };
        using var client = again.CreateDefaultClient(new CookieContainerHandler(cookies));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/analytics/rollup-status")).StatusCode);
        Assert.Equal(thumbprint,
            X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(folder, "key-encryption.pfx"), null).Thumbprint);
        Assert.DoesNotContain(again.Log.Messages,
            m => m.Contains("was made for Development", StringComparison.Ordinal));
    }

    /// <summary>
    /// Signs the keyed listener in. The app knows them beforehand, so no sync of a first sign-in runs beside the test:
    /// what these tests read is what the sign-in itself stores, the tokens.
    /// </summary>
    private static async Task<HttpClient> SignInKeyedListenerAsync(DashboardFactory factory,
        CookieContainer? cookies = null)
    {
        factory.Emulator()
            .AddListener(new NewListener(Listener, "Keyed Listener", 9) { HistoryDays = TestListeners.HistoryDays });
        await factory.AddScheduledUserAsync(Listener);
        return await factory.SignInAsync(Listener, cookies);
    }

    /// <summary>Whose Spotify account an access token opens, asked of the app's emulator.</summary>
    private static async Task<string?> ProfileIdAsync(DashboardFactory factory, string accessToken)
    {
        using var spotify =
            new HttpClient { BaseAddress = new Uri(factory.Services.GetRequiredService<DemoSpotify>().BaseUrl) };
        spotify.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        var profile = await spotify.GetFromJsonAsync<System.Text.Json.JsonElement>("/v1/me");
        return profile.GetProperty("id").GetString();
    }

    /// <summary>What a copy of the database holds: the keys' XML and the user's protected access token.</summary>
    private static async Task<(string[] Keys, string StoredToken)> CopyOfDatabaseAsync(DashboardFactory factory)
    {
        await using var db = await factory.DbAsync();
        var keys = await db.DataProtectionKeys.OrderBy(k => k.Id).Select(k => k.Xml!).ToArrayAsync();
        var token = await db.SpotifyTokens.Select(t => t.ProtectedAccessToken).SingleOrDefaultAsync();
        return (keys, token ?? "");
    }

    /// <summary>
    /// What a script with those keys and no more can do: Data Protection over a folder of the keys, given the
    /// certificate or not.
    /// </summary>
    private static IDataProtector TokenProtector(string[] keys, X509Certificate2? certificate)
    {
        var folder =
            Directory.CreateDirectory(
                Path.Combine(Path.GetTempPath(), "dashboard-web-tests", Guid.NewGuid().ToString("N")));
        for (var i = 0; i < keys.Length; i++)
        {
            File.WriteAllText(Path.Combine(folder.FullName, $"key-{i}.xml"), keys[i]);
        }
        var builder = new ServiceCollection().AddDataProtection().SetApplicationName("Dashboard")
            .PersistKeysToFileSystem(folder).DisableAutomaticKeyGeneration();
        if (certificate is not null)
        {
            builder.UnprotectKeysWithAnyCertificate(certificate);
        }
        return builder.Services.BuildServiceProvider().GetDataProtector(TokenPurpose);
    }

    /// <summary>No secret of the key is left in clear; it is in the certificate's envelope.</summary>
    private static void AssertEncrypted(string keyXml)
    {
        var key = XElement.Parse(keyXml);
        Assert.DoesNotContain(key.DescendantsAndSelf(),
            e => e.Attribute(DataProtection + "requiresEncryption") is not null);
        var secret = Assert.Single(key.Descendants(DataProtection + "encryptedSecret"));
        Assert.StartsWith(typeof(EncryptedXmlDecryptor).FullName + ",", secret.Attribute("decryptorType")!.Value);
    }

    /// <summary>
    /// Turns the stored keys back into what earlier versions stored: their XML with the secrets in clear.
    /// </summary>
    private static async Task StoreKeysAsAnEarlierVersionDidAsync(DashboardFactory factory)
    {
        var decryptor = new EncryptedXmlDecryptor(new ServiceCollection().AddDataProtection()
            .UnprotectKeysWithAnyCertificate(TestKeyEncryption.Certificate).Services.BuildServiceProvider());
        await using var db = await factory.DbAsync();
        foreach (var row in await db.DataProtectionKeys.ToListAsync())
        {
            var key = XElement.Parse(row.Xml!);
            foreach (var secret in key.Descendants(DataProtection + "encryptedSecret").ToList())
            {
                secret.ReplaceWith(decryptor.Decrypt(secret.Elements().Single()));
            }
            row.Xml = key.ToString(SaveOptions.DisableFormatting);
        }
        await db.SaveChangesAsync();
    }
}
