namespace Mining.Core.Privacy.Decoding;

/// <summary>Turns a decoder's edits into a view made of the lines they touch, decoded, so the rules see each edit with its context.</summary>
internal static class EditedView
{
    /// <summary>
    /// The view of the lines holding <paramref name="edits"/> (sorted, not overlapping), or null when there is nothing new
    /// to see. Below the field's own text, <paramref name="filter"/> drops the edits the layer above did not make new
    /// (they were decoded one layer up). When <paramref name="readThrough"/> is given, the edits the view decodes are
    /// added to it with their windows.
    /// </summary>
    public static TextView? Build(TextView parent, FindingForm form, List<TextEdit> edits, EditFilter filter, ReadThrough? readThrough)
    {
        if (parent.Depth > 0)
        {
            if (filter == EditFilter.ChangedEdits)
            {
                edits.RemoveAll(e => !parent.AnyChanged(e.Start, e.End));
            }
            else
            {
                KeepChangedLines(parent, edits);
            }
        }

        if (edits.Count == 0)
        {
            return null;
        }

        var text = parent.Text;
        var builder = new ViewBuilder(parent, form);
        var spans = readThrough is null ? null : new List<ReadThroughSpan>(edits.Count);
        var edit = 0;
        var previousWindowEnd = -1;
        while (edit < edits.Count)
        {
            var windowStart = LineStart(text, edits[edit].Start);
            var windowEnd = LineEnd(text, edits[edit].End);
            var last = edit;
            while (last + 1 < edits.Count && LineStart(text, edits[last + 1].Start) <= windowEnd + 1)
            {
                last++;
                windowEnd = Math.Max(windowEnd, LineEnd(text, edits[last].End));
            }

            if (previousWindowEnd >= 0)
            {
                builder.Break(previousWindowEnd);
            }

            var position = windowStart;
            for (var i = edit; i <= last; i++)
            {
                builder.Copy(position, edits[i].Start);
                builder.Replace(edits[i].Replacement, edits[i].Start, edits[i].End);
                spans?.Add(new ReadThroughSpan(edits[i].Start, edits[i].End, edits[i].Opaque, windowStart, windowEnd));
                position = edits[i].End;
            }

            builder.Copy(position, windowEnd);
            previousWindowEnd = windowEnd;
            edit = last + 1;
        }

        if (spans is not null)
        {
            readThrough!.Add(spans);
        }

        return builder.Build();
    }

    private static void KeepChangedLines(TextView parent, List<TextEdit> edits)
    {
        var text = parent.Text;
        var lineStart = -1;
        var lineEnd = -1;
        var changed = false;
        edits.RemoveAll(e =>
        {
            if (e.Start >= lineEnd)
            {
                lineStart = LineStart(text, e.Start);
                lineEnd = LineEnd(text, e.Start);
                changed = parent.AnyChanged(lineStart, lineEnd);
            }

            return !changed;
        });
    }

    private static int LineStart(string text, int index) => index == 0 ? 0 : text.LastIndexOf('\n', index - 1) + 1;

    private static int LineEnd(string text, int index)
    {
        var end = index >= text.Length ? -1 : text.IndexOf('\n', index);
        return end < 0 ? text.Length : end;
    }
}
