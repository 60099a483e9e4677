using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Dashboard.Web.Tests.Support;

/// <summary>
/// Key-encryption certificates for the app under test, which needs one outside Development: the one every test host
/// gives it (a password-protected PFX made once per test run), and others in the formats an operator may bring.
/// </summary>
public static class TestKeyEncryption
{
    public const string Password = "test key encryption";

    private static readonly Lazy<(X509Certificate2 Certificate, string Path)> Shared = new(() =>
    {
        var certificate = Make();
        return (certificate, WritePfx(certificate, Password));
    });

    /// <summary>The certificate the test hosts give the app, with its private key.</summary>
    public static X509Certificate2 Certificate => Shared.Value.Certificate;

    /// <summary>The settings that give the app <see cref="Certificate"/>.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("KeyEncryption:CertificatePath", Shared.Value.Path),
        new("KeyEncryption:CertificatePassword", Password),
    ];

    /// <summary>
    /// A new self-signed certificate with an RSA key, as <c>openssl req -x509</c> makes one; or one that expired a year
    /// ago.
    /// </summary>
    public static X509Certificate2 Make(bool expired = false)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Dashboard key encryption (tests)", key, HashAlgorithmName.SHA256,
            RSASignaturePadding.Pkcs1);
        var now = DateTimeOffset.UtcNow;
        return expired ? request.CreateSelfSigned(now.AddYears(-2), now.AddYears(-1))
            : request.CreateSelfSigned(now.AddDays(-1), now.AddYears(10));
    }

    /// <summary>
    /// Writes <paramref name="certificate"/> and its private key to a PFX protected by <paramref name="password"/>.
    /// </summary>
    public static string WritePfx(X509Certificate2 certificate, string password)
    {
        var path = Path.Combine(Folder, $"key-encryption-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, password));
        return path;
    }

    /// <summary>
    /// Writes <paramref name="certificate"/> and its private key to one PEM file, the key encrypted with
    /// <paramref name="password"/> when one is given; or, with <paramref name="withKey"/> false, the certificate alone.
    /// </summary>
    public static string WritePem(X509Certificate2 certificate, string? password = null, bool withKey = true)
    {
        var path = Path.Combine(Folder, $"key-encryption-{Guid.NewGuid():N}.pem");
        using var key = certificate.GetRSAPrivateKey()!;
        var keyPem = password is null
            ? key.ExportPkcs8PrivateKeyPem()
            : key.ExportEncryptedPkcs8PrivateKeyPem(password,
                new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 100_000));
        File.WriteAllText(path, certificate.ExportCertificatePem() + "\n" + (withKey ? keyPem + "\n" : ""));
        return path;
    }

    private static string Folder
    {
        get
        {
            var folder = Path.Combine(Path.GetTempPath(), "dashboard-web-tests");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }
}
