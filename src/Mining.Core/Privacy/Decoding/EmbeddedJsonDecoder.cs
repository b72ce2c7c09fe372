namespace Mining.Core.Privacy.Decoding;

/// <summary>
/// JSON documents embedded in a text (a pasted service-account key, a <c>.dockerconfigjson</c>, an API response):
/// each one that parses is read member by member, every string member as <c>"name": "value",</c> on its own line with
/// its escapes decoded, and a <c>{"name": N, "value": V}</c> pair (environment lists, task definitions) as <c>"N": "V"</c>.
/// </summary>
/// <remarks>A finding in a member is reported at that member's string in the text. Work is capped at a few passes over the text.</remarks>
internal sealed class EmbeddedJsonDecoder : ITextDecoder
{
    public FindingForm Form => FindingForm.EmbeddedJson;

    public bool ReadsThrough => false;

    public TextView? Decode(TextView parent, ReadThrough readThrough)
    {
        var text = parent.Text;
        var brace = text.IndexOf('{', StringComparison.Ordinal);
        if (brace < 0)
        {
            return null;
        }

        ViewBuilder? builder = null;
        var reader = new EmbeddedJsonReader(text, budget: 4 * text.Length);
        var members = new List<JsonStringMember>();
        while (brace >= 0 && !reader.OutOfBudget)
        {
            var end = -1;
            members.Clear();
            if (StartsObject(text, brace) && (parent.Depth == 0 || parent.AnyChanged(brace, brace + 1)) && reader.TryReadObject(brace, members, out end))
            {
                if (members.Count > 0)
                {
                    builder ??= new ViewBuilder(parent, Form);
                    if (builder.Length > 0)
                    {
                        builder.Break(brace);
                    }

                    foreach (var member in members)
                    {
                        Append(builder, member);
                    }
                }
            }

            var from = end > brace ? end : brace + 1;
            var next = from < text.Length ? text.IndexOf('{', from) : -1;
            brace = next;
        }

        return builder?.Build();
    }

    private static bool StartsObject(string text, int brace)
    {
        var position = brace + 1;
        while (position < text.Length && char.IsWhiteSpace(text[position]))
        {
            position++;
        }

        return position < text.Length && text[position] == '"';
    }

    private static void Append(ViewBuilder builder, JsonStringMember member)
    {
        builder.Append("\"", member.NameStart, member.NameStart);
        builder.Append(member.Name, member.NameStart, member.NameEnd);
        builder.Append("\": \"", member.ValueStart, member.ValueStart);
        builder.Append(member.Value, member.ValueStart, member.ValueEnd);
        builder.Append("\",\n", member.ValueEnd, member.ValueEnd);
    }
}
