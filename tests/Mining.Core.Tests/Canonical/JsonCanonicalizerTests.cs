using System.Globalization;
using System.Text;
using Mining.Core.Canonical;
using Mining.Testing;

namespace Mining.Core.Tests.Canonical;

public sealed class JsonCanonicalizerTests
{
    // RFC 8785 Appendix B: IEEE 754 bit patterns and their ECMAScript serialization.
    [Theory]
    [InlineData("0000000000000000", "0")]
    [InlineData("8000000000000000", "0")]
    [InlineData("0000000000000001", "5e-324")]
    [InlineData("8000000000000001", "-5e-324")]
    [InlineData("7fefffffffffffff", "1.7976931348623157e+308")]
    [InlineData("ffefffffffffffff", "-1.7976931348623157e+308")]
    [InlineData("4340000000000000", "9007199254740992")]
    [InlineData("c340000000000000", "-9007199254740992")]
    [InlineData("4430000000000000", "295147905179352830000")]
    [InlineData("44b52d02c7e14af5", "9.999999999999997e+22")]
    [InlineData("44b52d02c7e14af6", "1e+23")]
    [InlineData("44b52d02c7e14af7", "1.0000000000000001e+23")]
    [InlineData("444b1ae4d6e2ef4e", "999999999999999700000")]
    [InlineData("444b1ae4d6e2ef4f", "999999999999999900000")]
    [InlineData("444b1ae4d6e2ef50", "1e+21")]
    [InlineData("3eb0c6f7a0b5ed8c", "9.999999999999997e-7")]
    [InlineData("3eb0c6f7a0b5ed8d", "0.000001")]
    [InlineData("41b3de4355555553", "333333333.3333332")]
    [InlineData("41b3de4355555554", "333333333.33333325")]
    [InlineData("41b3de4355555555", "333333333.3333333")]
    [InlineData("41b3de4355555556", "333333333.3333334")]
    [InlineData("41b3de4355555557", "333333333.33333343")]
    [InlineData("becbf647612f3696", "-0.0000033333333333333333")]
    [InlineData("43143ff3c1cb0959", "1424953923781206.2")]
    public void Numbers_serialize_as_the_RFC_8785_appendix_says(string ieeeHex, string expected)
    {
        var value = BitConverter.Int64BitsToDouble(long.Parse(ieeeHex, NumberStyles.HexNumber, CultureInfo.InvariantCulture));

        Assert.Equal(expected, EcmaScriptNumber.Format(value));
    }

    [Theory]
    [InlineData("7fffffffffffffff")]
    [InlineData("7ff0000000000000")]
    public void NaN_and_infinity_are_rejected(string ieeeHex)
    {
        var value = BitConverter.Int64BitsToDouble(long.Parse(ieeeHex, NumberStyles.HexNumber, CultureInfo.InvariantCulture));

        Assert.Throws<CanonicalJsonException>(() => EcmaScriptNumber.Format(value));
    }

    [Fact]
    public void The_RFC_8785_example_canonicalizes_to_its_published_form()
    {
        const string Input = """
            {
              "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """;
        const string Expected = "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";

        var canonical = JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes(Input));

        Assert.Equal(Expected, Encoding.UTF8.GetString(canonical));
    }

    [Fact]
    public void Members_are_sorted_by_UTF16_code_units_as_in_the_RFC_8785_example()
    {
        const string Input = """{"\u20ac":"Euro Sign","\r":"Carriage Return","\ufb33":"Hebrew Letter Dalet With Dagesh","1":"One","\ud83d\ude00":"Emoji: Grinning Face","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis"}""";

        var canonical = Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes(Input)));

        var names = System.Text.Json.JsonDocument.Parse(canonical).RootElement.EnumerateObject().Select(p => p.Value.GetString()!).ToArray();
        Assert.Equal(
            ["Carriage Return", "One", "Control", "Latin Small Letter O With Diaeresis", "Euro Sign", "Emoji: Grinning Face", "Hebrew Letter Dalet With Dagesh"],
            names);
    }

    [Fact]
    public void A_lone_surrogate_is_rejected()
    {
        Assert.Throws<CanonicalJsonException>(() => JsonCanonicalizer.Canonicalize((object?)"a\ud800b"));
    }

    [Fact]
    public void Canonicalizing_canonical_output_changes_nothing()
    {
        var once = JsonCanonicalizer.Canonicalize("""{"z":[1.0,{"b":true,"a":"\u0001"}],"a":-0}"""u8);

        Assert.Equal(once, JsonCanonicalizer.Canonicalize(once));
        Assert.Equal("""{"a":0,"z":[1,{"a":"\u0001","b":true}]}""", Encoding.UTF8.GetString(once));
    }

    [Fact]
    public void Random_doubles_serialize_exactly_as_the_reference_implementation()
    {
        var random = new Random(8785);
        var values = new List<double>();
        for (var i = 0; i < 2000; i++)
        {
            var bits = random.NextInt64();
            var value = BitConverter.Int64BitsToDouble(bits);
            values.Add(double.IsFinite(value) ? value : i);
            values.Add(Math.Round(random.NextDouble() * Math.Pow(10, random.Next(-9, 25)), random.Next(0, 8)));
        }

        var lines = values.Select(v => "[" + v.ToString("R", CultureInfo.InvariantCulture) + "]").ToList();
        var reference = StackNode.Check("jcs.mjs", string.Join('\n', lines) + "\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(lines.Count, reference.Length);
        var mismatches = lines.Select((line, i) => (Ours: Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes(line))), Reference: reference[i]))
            .Where(p => p.Ours != p.Reference)
            .ToList();
        Assert.Empty(mismatches);
    }

    [Fact]
    public void Documents_with_unicode_escapes_and_nesting_match_the_reference_implementation()
    {
        string[] documents =
        [
            """{"é":"\u00e9","\u2028":"line\u2028sep","tab":"\t","nul":"\u0000\u001f\u007f","emoji":"\ud83d\ude00","n":[1e-7,123456789012345680000,-0.0,0.1]}""",
            """[{"b":{"d":[],"c":{}},"a":null},"\"quoted\" \\ back\/slash",false]""",
            """{"body":"# Title\n\n```csharp\nvar x = \"y\";\n```\n","quality":87.5,"confidence":0.9}""",
        ];

        var reference = StackNode.Check("jcs.mjs", string.Join('\n', documents) + "\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);

        for (var i = 0; i < documents.Length; i++)
        {
            Assert.Equal(reference[i], Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes(documents[i]))));
        }
    }

    [Fact]
    public void Random_documents_with_any_unicode_match_the_reference_implementation()
    {
        var random = new Random(1785);
        var documents = Enumerable.Range(0, 300).Select(_ => RandomValue(random, 0)).Select(v => System.Text.Json.JsonSerializer.Serialize(v)).ToList();

        var reference = StackNode.Check("jcs.mjs", string.Join('\n', documents) + "\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(documents.Count, reference.Length);
        for (var i = 0; i < documents.Count; i++)
        {
            Assert.Equal(reference[i], Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes(documents[i]))));
        }
    }

    private static object? RandomValue(Random random, int depth) => random.Next(depth < 3 ? 7 : 4) switch
    {
        0 => null,
        1 => random.Next(2) == 0,
        2 => RandomString(random),
        3 => Math.Round((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-8, 23)), random.Next(0, 10)),
        4 => Enumerable.Range(0, random.Next(4)).Select(_ => RandomValue(random, depth + 1)).ToList(),
        _ => Enumerable.Range(0, random.Next(5)).Select(_ => RandomString(random)).Distinct().ToDictionary(k => k, _ => RandomValue(random, depth + 1)),
    };

    private static string RandomString(Random random)
    {
        var builder = new StringBuilder();
        for (var i = random.Next(6); i >= 0; i--)
        {
            switch (random.Next(5))
            {
                case 0: builder.Append((char)random.Next(0, 0x20)); break;
                case 1: builder.Append((char)random.Next(0x20, 0x7f)); break;
                case 2: builder.Append((char)random.Next(0x80, 0xd800)); break;
                case 3: builder.Append((char)random.Next(0xe000, 0x10000)); break;
                default: builder.Append(char.ConvertFromUtf32(random.Next(0x10000, 0x110000))); break;
            }
        }

        return builder.ToString();
    }
}
