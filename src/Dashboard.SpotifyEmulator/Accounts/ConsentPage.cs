using System.Globalization;
using System.Net;
using System.Text;

namespace Dashboard.SpotifyEmulator.Accounts;

/// <summary>The emulator's stand-in for Spotify's "Agree" page. It says plainly that it is an emulator.</summary>
internal static class ConsentPage
{
    private static readonly Dictionary<string, string> ScopeDescriptions = new(StringComparer.Ordinal)
    {
        ["user-read-private"] = "Your name, username, profile picture, country and subscription",
        ["user-read-email"] = "Your email address",
        ["user-read-recently-played"] = "Your recently played content",
        ["user-top-read"] = "Your top artists and content",
        ["user-read-playback-state"] = "What you are playing and on which devices",
        ["user-read-currently-playing"] = "The content you are playing",
        ["user-modify-playback-state"] = "Control playback on your Spotify clients and devices",
        ["playlist-read-private"] = "Your playlists",
        ["user-library-read"] = "Your saved albums and tracks",
        ["user-follow-read"] = "Who you follow",
    };

    public static string Render(EmulatedClient client, AuthorizeRequest request,
        IReadOnlyCollection<EmulatedUser> users)
    {
        var body = new StringBuilder();
        body.Append("<p class=\"eyebrow\">Spotify emulator &middot; no real Spotify account is used</p>");
        body.Append(CultureInfo.InvariantCulture,
            $"<h1><span class=\"app\">{E(client.Name)}</span> would like to connect to your account</h1>");
        body.Append("<form method=\"post\" action=\"authorize\">");
        foreach (var (name, value) in request.Fields())
        {
            body.Append(CultureInfo.InvariantCulture,
                $"<input type=\"hidden\" name=\"{E(name)}\" value=\"{E(value)}\">");
        }
        body.Append("<fieldset><legend>Continue as</legend>");
        var first = true;
        foreach (var user in users)
        {
            body.Append(CultureInfo.InvariantCulture,
                $"<label class=\"account\"><input type=\"radio\" name=\"user\" " +
                $"value=\"{E(user.Id)}\"{(first ? " checked" : "")}>");
            body.Append(CultureInfo.InvariantCulture, $"<span class=\"avatar\">{E(Initials(user.DisplayName))}</span>");
            body.Append(CultureInfo.InvariantCulture,
                $"<span><strong>{E(user.DisplayName)}</strong><small>{E(user.Email ?? user.Id)} &middot; " +
                $"{E(user.Product)}</small></span></label>");
            first = false;
        }
        body.Append("</fieldset>");
        var scopes = (request.Scope ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (scopes.Length > 0)
        {
            body.Append("<h2>It will be able to see and do</h2><ul class=\"scopes\">");
            foreach (var scope in scopes)
            {
                body.Append(CultureInfo.InvariantCulture,
                    $"<li>{E(ScopeDescriptions.GetValueOrDefault(scope, scope))}</li>");
            }
            body.Append("</ul>");
        }
        body.Append(
            "<div class=\"actions\"><button type=\"submit\" name=\"action\" value=\"accept\" " +
            "class=\"agree\">Agree</button>");
        body.Append("<button type=\"submit\" name=\"action\" value=\"cancel\" class=\"cancel\">Cancel</button></div>");
        body.Append(
            "<p class=\"waiting\" hidden>Connecting. The first time, the app may take a few seconds more: " +
            "it imports the listener's history.</p>");
        body.Append("</form>");
        // The app answers the redirect only when its sign-in is done; meanwhile the page shows that it is working.
        // Buttons are disabled after the submit event, when the form has already taken the pressed button's value.
        body.Append("""
            <script>
            document.querySelector("form").addEventListener("submit", e => {
                if (e.submitter?.value !== "accept") return;
                setTimeout(() => {
                    document.querySelectorAll("button").forEach(b => b.disabled = true);
                    e.submitter.textContent = "Connecting…";
                    document.querySelector(".waiting").hidden = false;
                });
            });
            </script>
            """);
        return Page("Authorize - Spotify emulator", body.ToString());
    }

    public static string RenderError(string message) =>
        Page("Error - Spotify emulator",
            $"<p class=\"eyebrow\">Spotify emulator</p><h1>Oops! Something went wrong</h1><p " +
            $"class=\"error\">{E(message)}</p>");

    private static string Initials(string name) =>
        string.Concat(name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2)
            .Select(w => char.ToUpperInvariant(w[0])));

    private static string E(string value) => WebUtility.HtmlEncode(value);

    private static string Page(string title, string body) => $$"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{E(title)}}</title><link rel="icon" href="data:,">
        <style>
        *{box-sizing:border-box}
        body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;padding:24px;
          font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
          background:linear-gradient(#2a2a2a,#121212);color:#fff}
        main{width:100%;max-width:460px;background:#181818;border-radius:12px;padding:32px;
          box-shadow:0 8px 24px rgba(0,0,0,.5)}
        .eyebrow{margin:0 0 8px;color:#1ed760;font-size:12px;letter-spacing:.08em;text-transform:uppercase;
          font-weight:700}
        h1{font-size:24px;line-height:1.25;margin:0 0 24px}
        h2{font-size:14px;color:#b3b3b3;font-weight:600;margin:24px 0 8px}
        .app{color:#1ed760}
        fieldset{border:0;margin:0;padding:0}
        legend{font-size:14px;color:#b3b3b3;font-weight:600;margin-bottom:8px}
        .account{display:flex;align-items:center;gap:12px;padding:10px 12px;border-radius:8px;background:#242424;
          margin-bottom:8px;cursor:pointer}
        .account:has(input:checked){outline:2px solid #1ed760}
        .account input{accent-color:#1ed760}
        .account small{display:block;color:#b3b3b3;font-size:12px}
        .avatar{width:36px;height:36px;border-radius:50%;background:#535353;display:grid;place-items:center;
          font-weight:700;font-size:14px}
        .scopes{margin:0;padding-left:20px;color:#e0e0e0;font-size:14px;line-height:1.7}
        .actions{display:flex;flex-direction:column;gap:12px;margin-top:28px}
        button{font:inherit;font-weight:700;border-radius:999px;padding:14px;border:0;cursor:pointer;font-size:16px}
        .agree{background:#1ed760;color:#000}
        .agree:hover{background:#3be477}
        .cancel{background:transparent;color:#fff;border:1px solid #727272}
        .error{color:#f3727f}
        button:disabled{opacity:.7;cursor:progress}
        .waiting{color:#b3b3b3;font-size:14px;text-align:center;margin:16px 0 0}
        </style></head>
        <body><main>{{body}}</main></body></html>
        """;
}
