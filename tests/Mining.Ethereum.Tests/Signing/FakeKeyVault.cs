using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Secrets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mining.Ethereum.Tests.Signing;

/// <summary>
/// A FAKE of the Azure Key Vault secrets REST API (GET /secrets/{name}?api-version=…), served over HTTPS on loopback by
/// Kestrel with a throwaway self-signed certificate. It does Key Vault's bearer challenge (401 + WWW-Authenticate) and
/// accepts only the token of <see cref="FakeCredential"/>, so the real SecretClient pipeline runs end to end.
/// </summary>
internal sealed class FakeKeyVault : IAsyncDisposable
{
    private const string Token = "fake-key-vault-token";
    private readonly WebApplication _app;
    private readonly X509Certificate2 _certificate;

    private FakeKeyVault(WebApplication app, X509Certificate2 certificate, Uri uri)
    {
        _app = app;
        _certificate = certificate;
        Uri = uri;
    }

    public Dictionary<string, string> Secrets { get; } = [];

    public Uri Uri { get; }

    public static async Task<FakeKeyVault> StartAsync()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var ephemeral = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        var certificate = X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeKeyVault? vault = null;
        app.MapGet("/secrets/{name}/{version?}", (HttpContext context, string name) =>
        {
            if (context.Request.Headers.Authorization != "Bearer " + Token)
            {
                context.Response.Headers.WWWAuthenticate =
                    "Bearer authorization=\"https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000\", resource=\"https://vault.azure.net\"";
                return Results.Json(new { error = new { code = "Unauthorized", message = "AKV10000: Request is missing a Bearer token." } }, statusCode: 401);
            }

            return vault!.Secrets.TryGetValue(name, out var value)
                ? Results.Json(new { value, id = $"{vault.Uri}secrets/{name}/0123456789abcdef", attributes = new { enabled = true } })
                : Results.Json(new { error = new { code = "SecretNotFound", message = $"A secret with (name/id) {name} was not found in this key vault." } }, statusCode: 404);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        vault = new FakeKeyVault(app, certificate, new Uri(address + "/"));
        return vault;
    }

    /// <summary>A real SecretClient pointed at the fake, trusting only its certificate and authenticating with <see cref="FakeCredential"/>.</summary>
    public SecretClient CreateClient()
    {
        var thumbprint = _certificate.Thumbprint;
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == thumbprint,
        };
        var options = new SecretClientOptions
        {
            Transport = new HttpClientTransport(new HttpClient(handler)),
            DisableChallengeResourceVerification = true,
        };
        options.Retry.MaxRetries = 0;
        return new SecretClient(Uri, new FakeCredential(), options);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _certificate.Dispose();
    }

    /// <summary>A fake Entra ID credential: hands out the one token the fake vault accepts.</summary>
    private sealed class FakeCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(Token, TimeProvider.System.GetUtcNow().AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
