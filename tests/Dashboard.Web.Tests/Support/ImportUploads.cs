using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Dashboard.Web.Tests.Support;

/// <summary>Imports made through the JSON API as a browser or a script makes them: upload, follow the job.</summary>
public static class ImportUploads
{
    /// <summary>The extended-history sample of tests/samples: 3,328 records, 3,318 plays, Aug. to Dec. 2024.</summary>
    public static string ExtendedSample => Sample("spotify-export/extended/Streaming_History_Audio_2024_4.json");

    public static string Sample(string relative)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!Directory.Exists(Path.Combine(directory!.FullName, "tests", "samples")))
        {
            directory = directory.Parent;
        }
        return Path.Combine(directory.FullName, "tests", "samples", relative);
    }

    /// <summary>The files as the upload form sends them, each in a <c>file</c> field.</summary>
    public static MultipartFormDataContent Upload(params (string Name, byte[] Content)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, content) in files)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            form.Add(part, "file", name);
        }
        return form;
    }

    /// <summary>
    /// Uploads the files with the client's session (and the page's antiforgery token) and waits for the import to
    /// end; returns its job as the API last showed it.
    /// </summary>
    public static async Task<JsonElement> ImportAsync(this HttpClient client,
        params (string Name, byte[] Content)[] files)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/history/import")
        {
            Content = Upload(files),
        };
        request.Headers.Add("RequestVerificationToken", await client.AntiforgeryTokenAsync());
        var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var jobId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("job_id").GetString()!;
        return await WaitForEndAsync(client, jobId);
    }

    public static async Task<JsonElement> WaitForEndAsync(HttpClient client, string jobId)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var job = await client.GetFromJsonAsync<JsonElement>($"/api/v1/history/import/{jobId}");
            if (job.GetProperty("status").GetString() is not ("pending" or "running"))
            {
                return job;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"Import {jobId} did not end.");
    }

    /// <summary>An extended-history record of a track as Spotify writes it.</summary>
    public static string ExtendedRecord(string ts, string trackId, string track, string artist, int msPlayed) => $$"""
        {"ts":"{{ts}}","platform":"android","ms_played":{{msPlayed}},"conn_country":"DE","ip_addr":"192.0.2.1",
         "master_metadata_track_name":"{{track}}","master_metadata_album_artist_name":"{{artist}}",
         "master_metadata_album_album_name":"{{track}} (Single)","spotify_track_uri":"spotify:track:{{trackId}}",
         "episode_name":null,"episode_show_name":null,"spotify_episode_uri":null,"reason_start":"clickrow",
         "reason_end":"trackdone","shuffle":false,"skipped":false,"offline":false,"offline_timestamp":0,
         "incognito_mode":false}
        """;

    public static byte[] JsonArray(params string[] records) =>
        Encoding.UTF8.GetBytes("[" + string.Join(",\n", records) + "]");
}
