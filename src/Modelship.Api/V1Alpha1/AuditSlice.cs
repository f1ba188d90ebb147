namespace Modelship.Api.V1Alpha1;

/// <summary>The syntax of <see cref="AuditStep.Slice"/>: <c>start:end</c>, either side optional, python-like.</summary>
public static class AuditSlice
{
    public const string Pattern = "^-?[0-9]*:-?[0-9]*$";
}
