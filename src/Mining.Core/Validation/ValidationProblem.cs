namespace Mining.Core.Validation;

/// <summary>One thing wrong with a submitted learning.</summary>
/// <param name="Path">RFC 6901 JSON Pointer to the offending value (<c>""</c> is the whole document).</param>
/// <param name="Code">Stable machine-readable code, e.g. <c>required</c>, <c>unknown-field</c>, <c>too-long</c>.</param>
/// <param name="Message">Plain-language explanation that says what to change.</param>
public sealed record ValidationProblem(string Path, string Code, string Message);
