using System.Globalization;
using System.Text;

namespace Mining.Core.Benchmarks;

/// <summary>
/// A clean learning body in which every form the privacy scanner decodes occurs in every section: escaped JSON and
/// <c>.env</c> strings, a JSON document embedded in a JSON string, base64 values that decode to text, percent-encoded
/// URLs and concatenated string literals. It holds no secret, so the scan decodes and reads everything.
/// </summary>
internal static class EncodedInput
{
    public static string Body(int targetChars)
    {
        var body = new StringBuilder();
        var part = 1;
        while (body.Length < targetChars)
        {
            body.Append(Section(part++));
        }

        return body.ToString();
    }

    private static string Section(int part)
    {
        var settings = Convert.ToBase64String(Encoding.UTF8.GetBytes($"log_level=info\nfeature_flags=orders,shipping,returns\nregion=eu-west-{part}\n"));
        return string.Create(CultureInfo.InvariantCulture, $$"""


            ## Part {{part}}: configuration as it was pasted

            The service read its settings from a JSON file with escaped strings:

            ```json
            {"logging": {"level": "info", "format": "json"}, "banner": "Orders API\n\tversion {{part}}.0 \"stable\" caf\u00e9", "paths": ["src\\app", "tests\\unit"]}
            ```

            and from a `.env` file:

            ```bash
            GREETING="Hello,\nWorld! It's \"fine\" (part {{part}})."
            DATABASE_URL=postgres://orders@db.example.com:5432/orders?sslmode=require&application_name=orders%20api%2Fv{{part}}
            REDIRECT=https://app.example.com/callback?next=%2Forders%2F{{part}}%3Ftab%3Dsummary%26view%3Dfull
            ```

            The ConfigMap held the same settings base64-encoded:

            ```yaml
            kind: ConfigMap
            data:
              settings: {{settings}}
            ```

            The message was built from concatenated literals:

            ```csharp
            var message = "The order " + orderId + " was shipped " +
                "to the warehouse in two parts, " + "tracked as part {{part}}.";
            ```

            and the queue payload was JSON inside a JSON string:
            `"payload": "{\"orderId\": {{part}}, \"items\": [\"book\", \"pen\"], \"note\": \"leave at the door\\nring twice\"}"`.
            """);
    }
}
