using System.Text;

namespace Mining.DevStack.Components;

/// <summary>Small HTTP probes shared by the components' health checks; a refused connection is "not yet", not an error.</summary>
public static class HealthProbe
{
    public static async Task<bool> AnswersHttpAsync(
        HttpClient http, Uri url, CancellationToken cancellationToken, bool requireSuccess = false)
    {
        ArgumentNullException.ThrowIfNull(http);
        try
        {
            using var response = await http.GetAsync(url, cancellationToken);
            return !requireSuccess || response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    public static async Task<string?> PostJsonAsync(HttpClient http, Uri url, string json, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        try
        {
            using var content = new StringContent(json, Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(url, content, cancellationToken);
            return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync(cancellationToken) : null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
