using System.Net;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Mining.Functions.Webhooks;

namespace Mining.Functions.Tests.Webhooks;

/// <summary>The webhook URL and address rules, without the network (names resolve through a scripted resolver).</summary>
public sealed class WebhookUrlPolicyTests
{
    public static TheoryData<string, string> Refused() => new()
    {
        { "file:///etc/passwd", "scheme" },
        { "ftp://example.org/hook", "scheme" },
        { "gopher://example.org:70/_x", "scheme" },
        { "hook", "absolute-url" },
        { "http://169.254.169.254/latest/meta-data/", "link-local" },
        { "http://127.0.0.1:10000/", "loopback" },
        { "http://10.0.0.5:8080/x", "private" },
        { "http://172.16.0.1/", "private" },
        { "http://192.168.1.1/", "private" },
        { "http://[fc00::1]/", "private" },
        { "http://[fd00:ec2::254]/", "private" },
        { "http://[fe80::1]/", "link-local" },
        { "http://[fe80::1%25eth0]/", "link-local" },
        { "http://0.0.0.0/", "unspecified" },
        { "http://0/", "unspecified" },
        { "http://[::]/", "unspecified" },
        { "http://224.0.0.1/", "multicast" },
        { "http://[ff02::1]/", "multicast" },
        { "http://255.255.255.255/", "broadcast" },
        { "http://100.64.0.1/", "shared-address-space" },
        { "http://168.63.129.16/", "cloud-platform" },
        { "http://127.1/", "loopback" },
        { "http://0x7f000001/", "loopback" },
        { "http://0x7f.1/", "loopback" },
        { "http://2130706433/", "loopback" },
        { "http://0177.0.0.1/", "loopback" },
        { "http://017700000001/", "loopback" },
        { "http://[::1]/", "loopback" },
        { "http://[::ffff:127.0.0.1]/", "loopback" },
        { "http://[::ffff:7f00:1]/", "loopback" },
        { "http://[::ffff:169.254.169.254]/", "link-local" },
        { "http://[::ffff:a00:5]/", "private" },
        { "http://[::127.0.0.1]/", "loopback" },
        { "http://[64:ff9b::a00:5]/", "private" },
        { "http://[2002:7f00:1::]/", "loopback" },
        { "http://localhost:7071/", "loopback" },
        { "http://LOCALHOST./", "loopback" },
        { "http://api.localhost/", "loopback" },
        { "http://intranet/", "host-name" },
        { "http://metadata.google.internal/computeMetadata/v1/", "internal-name" },
        { "http://printer.local/", "internal-name" },
        { "http://1.2.3.4.5/", "numeric-host" },
        { "http://example.0x7f/", "numeric-host" },
        { "https://user:secret@hooks.example.org/", "credentials" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Every_non_public_address_class_and_spelling_is_refused_naming_its_rule(string url, string rule)
    {
        var refused = Policy("Development").CheckUrl(new Uri(url, UriKind.RelativeOrAbsolute));

        Assert.NotNull(refused);
        Assert.Equal(rule, refused.Rule);
        Assert.False(string.IsNullOrWhiteSpace(refused.Detail));
    }

    [Theory]
    [InlineData("https://hooks.example.org/mining")]
    [InlineData("https://93.184.216.34:8443/hook")]
    [InlineData("https://[2606:2800:220:1:248:1893:25c8:1946]/hook")]
    [InlineData("http://hooks.example.org/mining")]
    public void A_public_name_or_address_is_accepted(string url) =>
        Assert.Null(Policy("Development").CheckUrl(new Uri(url)));

    [Fact]
    public void Plain_http_is_refused_outside_development()
    {
        var refused = Policy("Production").CheckUrl(new Uri("http://hooks.example.org/mining"));

        Assert.Equal("scheme", refused?.Rule);
        Assert.Null(Policy("Production").CheckUrl(new Uri("https://hooks.example.org/mining")));
    }

    [Fact]
    public void The_test_allowance_opens_only_its_own_loopback_port_and_only_in_development()
    {
        var allowance = new WebhookTestAllowance();
        allowance.AllowLoopbackPort(5555);

        Assert.Null(Policy("Development", allowance).CheckUrl(new Uri("http://127.0.0.1:5555/hook")));
        Assert.Equal("loopback", Policy("Development", allowance).CheckUrl(new Uri("http://127.0.0.1:5556/hook"))?.Rule);
        Assert.Equal("private", Policy("Development", allowance).CheckUrl(new Uri("http://10.0.0.5:5555/hook"))?.Rule);
        Assert.Equal("loopback", Policy("Development", allowance).CheckUrl(new Uri("http://127.0.0.2:5555/hook"))?.Rule);
        Assert.Equal("loopback", Policy("Development", allowance).CheckUrl(new Uri("http://[::ffff:127.0.0.1]:5555/hook"))?.Rule);
        Assert.Equal("loopback", Policy("Production", allowance).CheckAddress(IPAddress.Loopback, 5555)?.Rule);
        Assert.Equal("loopback", Policy("Staging", allowance).CheckAddress(IPAddress.Loopback, 5555)?.Rule);
    }

    [Fact]
    public async Task A_name_is_refused_when_any_address_it_resolves_to_is_not_public()
    {
        var resolver = new ScriptedResolver();
        resolver.Answer("mixed.example.org", IPAddress.Parse("93.184.216.34"), IPAddress.Parse("10.1.2.3"));
        resolver.Answer("meta.example.org", IPAddress.Parse("169.254.169.254"));
        resolver.Answer("public.example.org", IPAddress.Parse("93.184.216.34"));
        var policy = Policy("Development", resolver: resolver);

        Assert.Equal("private", (await policy.CheckUrlAndNameAsync(new Uri("https://mixed.example.org/"), CancellationToken.None))?.Rule);
        Assert.Equal("link-local", (await policy.CheckUrlAndNameAsync(new Uri("https://meta.example.org/"), CancellationToken.None))?.Rule);
        Assert.Null(await policy.CheckUrlAndNameAsync(new Uri("https://public.example.org/"), CancellationToken.None));
        Assert.Null(await policy.CheckUrlAndNameAsync(new Uri("https://unknown.example.org/"), CancellationToken.None));
    }

    internal static WebhookUrlPolicy Policy(string environment, WebhookTestAllowance? allowance = null, IWebhookResolver? resolver = null) =>
        new(new Environment(environment), resolver ?? new ScriptedResolver(), allowance);

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "Mining.Functions";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
