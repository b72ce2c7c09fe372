namespace Mining.Core.Privacy.Decoding;

/// <summary>Every form of a field's text the rules read: the text itself and its decoded views, layer upon layer.</summary>
/// <remarks>
/// Decoding goes at most <see cref="MaxDepth"/> layers deep, and below the field's own text a layer decodes only what the
/// layer above revealed. The views of one field hold at most <see cref="BudgetFactor"/> times its length (plus
/// <see cref="BudgetSlack"/> characters); decoding stops at the first view that passes that budget, so work stays linear in the input.
/// </remarks>
internal static class TextViews
{
    public const int MaxDepth = 3;

    public const int BudgetFactor = 4;

    public const int BudgetSlack = 4096;

    private static readonly ITextDecoder[] Decoders =
    [
        new InvisibleCharacterDecoder(),
        new EscapeDecoder(),
        new ConcatenationDecoder(),
        new EmbeddedJsonDecoder(),
        new Base64Decoder(),
        new PercentDecoder(),
    ];

    /// <summary>Calls <paramref name="read"/> with the text itself, then with each decoded view, breadth first.</summary>
    public static void ForEach<TState>(string text, TState state, Action<TextView, TState> read)
    {
        var root = TextView.Raw(text);
        read(root, state);
        var budget = ((long)text.Length * BudgetFactor) + BudgetSlack;
        var parents = new List<TextView>(1) { root };
        for (var depth = 0; depth < MaxDepth && parents.Count > 0; depth++)
        {
            var layer = new List<TextView>();
            foreach (var parent in parents)
            {
                foreach (var decoder in Decoders)
                {
                    var view = decoder.Decode(parent);
                    if (view is null || view.Text.Length == 0)
                    {
                        continue;
                    }

                    budget -= view.Text.Length;
                    if (budget < 0)
                    {
                        return;
                    }

                    read(view, state);
                    layer.Add(view);
                }
            }

            parents = layer;
        }
    }
}
