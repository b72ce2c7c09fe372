namespace Mining.Core.Privacy.Decoding;

/// <summary>Every form of a field's text the rules read: the text itself and its decoded views, layer upon layer.</summary>
/// <remarks>
/// Decoding goes at most <see cref="MaxDepth"/> layers deep, and below the field's own text a layer decodes only what the
/// layer above revealed. The views of one field hold at most <see cref="BudgetFactor"/> times its length (plus
/// <see cref="BudgetSlack"/> characters); decoding stops at the first view that passes that budget, so work stays
/// linear in the input.
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

    /// <summary>
    /// Calls <paramref name="read"/> with the text itself, then with each decoded view, breadth first, each time with the
    /// spans of that view its decoded views read through. A view is released once read: do not keep it.
    /// </summary>
    public static void ForEach<TState>(string text, TState state, Action<TextView, ReadThrough, TState> read)
    {
        var budget = ((long)text.Length * BudgetFactor) + BudgetSlack;
        var layer = new List<TextView> { TextView.Raw(text) };
        while (layer.Count > 0)
        {
            var next = new List<TextView>();
            foreach (var view in layer)
            {
                var readThrough = new ReadThrough();
                if (view.Depth < MaxDepth && budget > 0)
                {
                    foreach (var decoder in Decoders)
                    {
                        var child = decoder.Decode(view, readThrough);
                        if (child is not null && child.Text.Length > 0 && (budget -= child.Text.Length) >= 0)
                        {
                            next.Add(child);
                        }
                    }

                }

                read(view, readThrough, state);
                view.Release();
            }

            layer = next;
        }
    }
}
