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
        var windows = Windows(text, edits);
        var capacity = 0;
        foreach (var (start, end, _, _) in windows)
        {
            capacity += end - start + ViewBuilder.WindowBreak.Length;
        }

        foreach (var edit in edits)
        {
            capacity += edit.Replacement.Length;
        }

        var builder = new ViewBuilder(parent, form, capacity);
        var spans = readThrough is null ? null : new List<ReadThroughSpan>(edits.Count);
        var previousWindowEnd = -1;
        foreach (var (windowStart, windowEnd, first, last) in windows)
        {
            if (previousWindowEnd >= 0)
            {
                builder.Break(previousWindowEnd);
            }

            var position = windowStart;
            for (var i = first; i <= last; i++)
            {
                builder.Copy(position, edits[i].Start);
                builder.Replace(edits[i].Replacement, edits[i].Start, edits[i].End);
                spans?.Add(new ReadThroughSpan(edits[i].Start, edits[i].End, edits[i].Opaque, windowStart, windowEnd));
                position = edits[i].End;
            }

            builder.Copy(position, windowEnd);
            previousWindowEnd = windowEnd;
        }

        if (spans is not null)
        {
            readThrough!.Add(spans);
        }

        return builder.Build();
    }

    /// <summary>The lines holding the edits, adjacent ones merged, with the first and last edit in each; linear in the text.</summary>
    private static List<(int Start, int End, int First, int Last)> Windows(string text, List<TextEdit> edits)
    {
        var windows = new List<(int Start, int End, int First, int Last)>();
        var edit = 0;
        while (edit < edits.Count)
        {
            var windowStart = windows.Count > 0 ? Math.Max(LineStart(text, edits[edit].Start), windows[^1].End + 1) : LineStart(text, edits[edit].Start);
            var windowEnd = LineEnd(text, edits[edit].End);
            var last = edit;
            while (last + 1 < edits.Count && (edits[last + 1].Start <= windowEnd + 1 || LineStart(text, edits[last + 1].Start) <= windowEnd + 1))
            {
                last++;
                if (edits[last].End > windowEnd)
                {
                    windowEnd = LineEnd(text, edits[last].End);
                }
            }

            windows.Add((windowStart, windowEnd, edit, last));
            edit = last + 1;
        }

        return windows;
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
