namespace Mining.Functions.Http;

/// <summary>RFC 9457 problem documents with a plain-language detail that says what to do.</summary>
internal static class Problems
{
    public static IResult Create(int status, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        Results.Problem(detail: detail, statusCode: status, title: title, extensions: extensions);

    public static IResult Unauthorized(string detail) => Create(StatusCodes.Status401Unauthorized, "Unauthorized", detail);

    public static IResult NotFound(string detail) => Create(StatusCodes.Status404NotFound, "Not found", detail);

    public static IResult Conflict(string detail) => Create(StatusCodes.Status409Conflict, "Conflict", detail);

    public static IResult BadRequest(string detail) => Create(StatusCodes.Status400BadRequest, "Bad request", detail);

    /// <summary>Text from the request, cut to 64 characters, for quoting in a problem's detail.</summary>
    public static string Truncate(string text) => text.Length <= 64 ? text : text[..64] + "…";
}
