namespace Mining.Core.Privacy.Decoding;

/// <summary>
/// The spans of a view whose literal spelling misleads the rules (an escape, a quote a join removes, a percent octet),
/// collected from the decoders that read through them. A match in the view is claimed by a decoded view, and so not
/// reported from this one, when it begins or ends on such a span (or contains an opaque one) and lies wholly in the
/// lines that decoded view holds, where the rules read it correctly.
/// </summary>
internal sealed class ReadThrough
{
    private readonly List<List<ReadThroughSpan>> _decoders = [];

    public bool IsEmpty => _decoders.Count == 0;

    /// <summary>Adds one decoder's spans, sorted and disjoint.</summary>
    public void Add(List<ReadThroughSpan> spans)
    {
        if (spans.Count > 0)
        {
            _decoders.Add(spans);
        }
    }

    public bool Claims(int start, int end)
    {
        foreach (var spans in _decoders)
        {
            for (var i = FirstEndingAtOrAfter(spans, start); i < spans.Count && spans[i].Start <= end; i++)
            {
                var span = spans[i];
                var onEdge = (span.Start <= start && start <= span.End) || (span.Start <= end && end <= span.End);
                var inside = span.Opaque && start < span.End && span.Start < end;
                if ((onEdge || inside) && start >= span.WindowStart && end <= span.WindowEnd)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static int FirstEndingAtOrAfter(List<ReadThroughSpan> spans, int position)
    {
        var low = 0;
        var high = spans.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (spans[middle].End < position)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
