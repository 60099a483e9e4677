using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Dashboard.Core.Data;

namespace Dashboard.Web.Hosting;

/// <summary>
/// The <c>KeyEncryption</c> section: the certificate the Data Protection keys in the database are encrypted with.
/// </summary>
public sealed class KeyEncryptionOptions
{
    public const string SectionName = "KeyEncryption";

    /// <summary>
    /// A PFX (PKCS#12) or PEM file with the certificate and its private key; absolute, or relative to the content
    /// root. Required outside Development.
    /// </summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PFX's password, or the PEM private key's; empty when it has none.</summary>
    public string? CertificatePassword { get; set; }
}

/// <summary>
/// The key-encryption certificate, kept outside the database so that a copy of the database alone decrypts nothing:
/// the operator's, or in Development, when none is configured, one made once in the data folder.
/// </summary>
public sealed record KeyEncryptionCertificate(X509Certificate2 Certificate, string Path, bool MadeForDevelopment)
{
    /// <summary>Where Development keeps the certificate it makes, in the data folder.</summary>
    public const string DevelopmentFile = "key-encryption.pfx";

    public static KeyEncryptionCertificate Load(KeyEncryptionOptions options, IHostEnvironment environment,
        DataFolder dataFolder)
    {
        if (!string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            var path = System.IO.Path.GetFullPath(options.CertificatePath, environment.ContentRootPath);
            return new KeyEncryptionCertificate(Open(path, options.CertificatePassword), path,
                MadeForDevelopment: false);
        }
        if (!environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                "No key-encryption certificate is configured. The keys that protect Spotify tokens, " +
                "sign-in cookies and download " +
                "links are kept in the database, encrypted with a certificate kept outside it: " +
                "set KeyEncryption:CertificatePath " +
                "to a PFX or PEM file holding a certificate and its private key, " +
                "and KeyEncryption:CertificatePassword to its " +
                "password. Make one with: openssl req -x509 -newkey rsa:3072 -sha256 -days 3650 -nodes -subj " +
                "\"/CN=Dashboard key encryption\" -keyout key-encryption.key -out key-encryption.crt && openssl " +
                "pkcs12 -export " +
                "-in key-encryption.crt -inkey key-encryption.key -out key-encryption.pfx (it asks for the " +
                "password). Back it up " +
                "with the database: without it the database's keys cannot be read.");
        }
        var development = dataFolder.PathOf(DevelopmentFile);
        var made = !File.Exists(development);
        if (made)
        {
            MakeForDevelopment(development);
        }
        return new KeyEncryptionCertificate(Open(development, password: null), development, made);
    }

    private static X509Certificate2 Open(string path, string? password)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"The key-encryption certificate {path} (KeyEncryption:CertificatePath) does not exist.");
        }
        password = string.IsNullOrEmpty(password) ? null : password;
        var text = Encoding.ASCII.GetString(File.ReadAllBytes(path));
        var pem = text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal);
        if (pem && !text.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
        {
            throw NoPrivateKey(path);
        }
        X509Certificate2 certificate;
        try
        {
            certificate = (pem, password) switch
            {
                (true, null) => X509Certificate2.CreateFromPemFile(path),
                (true, _) => X509Certificate2.CreateFromEncryptedPemFile(path, password),
                _ => X509CertificateLoader.LoadPkcs12FromFile(path, password),
            };
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new InvalidOperationException(
                $"The key-encryption certificate {path} could not be opened: it is not a PFX or PEM " +
                                                "file, or KeyEncryption:CertificatePassword is not its password.", e);
        }
        return certificate.HasPrivateKey ? certificate : throw NoPrivateKey(path);
    }

    private static InvalidOperationException NoPrivateKey(string path) =>
        new($"The key-encryption certificate {path} holds no private key, which the app needs to read the keys it " +
            "encrypted: use a PFX, or a PEM file with the certificate and its key.");

    /// <summary>
    /// A self-signed certificate in a PFX without a password, readable by its owner only where the system allows.
    /// </summary>
    private static void MakeForDevelopment(string path)
    {
        using var key = RSA.Create(3072);
        var request = new CertificateRequest("CN=Dashboard key encryption (Development)", key, HashAlgorithmName.SHA256,
            RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1),
            DateTimeOffset.UtcNow.AddYears(100));
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
