namespace Modelship.Api.V1Alpha1;

/// <summary>
/// The syntax of duration fields: one or more decimal numbers with a unit (ms, s, m, h), as in Go, such as
/// <c>30s</c>, <c>1m30s</c> or <c>250ms</c>. <see cref="Validation.DurationParser"/> reads it.
/// </summary>
public static class Duration
{
    public const string Pattern = "^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$";
}
