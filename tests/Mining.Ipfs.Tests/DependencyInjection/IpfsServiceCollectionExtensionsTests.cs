using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Mining.Ipfs.DependencyInjection;
using Mining.Ipfs.Gateways;
using Mining.Ipfs.Pinning;

namespace Mining.Ipfs.Tests.DependencyInjection;

public sealed class IpfsServiceCollectionExtensionsTests
{
    [Fact]
    public void Each_pinning_provider_is_a_keyed_client_with_its_own_settings()
    {
        using var provider = new ServiceCollection()
            .AddPinningServiceClient("pinata", o => { o.Endpoint = new Uri("https://api.pinata.cloud/psa"); o.AccessToken = "a"; })
            .AddPinningServiceClient("filebase", o => { o.Endpoint = new Uri("https://api.filebase.io/v1/ipfs"); o.AccessToken = "b"; })
            .BuildServiceProvider();

        Assert.Equal("pinata", provider.GetRequiredKeyedService<PinningServiceClient>("pinata").Name);
        Assert.Equal("filebase", provider.GetRequiredKeyedService<PinningServiceClient>("filebase").Name);
    }

    [Fact]
    public void A_misconfigured_gateway_quorum_fails_at_resolution_naming_every_setting()
    {
        using var provider = new ServiceCollection()
            .AddGatewayVerifier(o => { o.Gateways = [new Uri("ftp://gw.example/")]; o.Quorum = 3; })
            .BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<GatewayVerifier>());

        Assert.Contains("Ipfs:Gateways:Gateways", error.Message, StringComparison.Ordinal);
        Assert.Contains("Ipfs:Gateways:Quorum", error.Message, StringComparison.Ordinal);
    }
}
