using Cel;

namespace Modelship.Api.Validation;

/// <summary>
/// Compiles the CEL expressions of Pipeline validations, for the validator and the router alike. An expression sees
/// two variables, <c>outputs</c> and <c>inputs</c>: maps from tensor name to the tensor's elements as a list. Under
/// Native AOT the values must be dictionaries and lists (the library's member lookup on plain objects is reflection).
/// </summary>
public static class CelExpressions
{
    public const string Outputs = "outputs";
    public const string Inputs = "inputs";

    // Compile only parses; CelEnvironment holds the function registry, read-only once built, so one is shared.
    private static readonly CelEnvironment Environment = new(null!, "");

    /// <summary>
    /// Compiles <paramref name="expression"/>; false with the reason when it does not parse or names a variable or
    /// function that does not exist (found by a dry run over empty tensors, so branches it does not take are not checked).
    /// </summary>
    public static bool TryCompile(string expression, out CelProgramDelegate? program, out string? error)
    {
        program = null;
        error = null;
        if (string.IsNullOrWhiteSpace(expression))
        {
            error = "is empty";
            return false;
        }
        try
        {
            program = Environment.Compile(expression);
        }
        catch (CelException e)
        {
            error = $"does not parse: {e.Message}";
            return false;
        }
        try
        {
            program(new Dictionary<string, object?> { [Outputs] = new Dictionary<string, object>(), [Inputs] = new Dictionary<string, object>() });
        }
        catch (CelUndeclaredReferenceException e)
        {
            error = $"refers to an unknown variable ({e.Message}); use outputs or inputs";
            program = null;
            return false;
        }
        catch (CelUnboundFunctionException e)
        {
            error = $"calls an unknown function ({e.Message})";
            program = null;
            return false;
        }
        catch (CelException)
        {
            // Missing tensors or wrong types over empty maps: expected, these depend on the data.
        }
        return true;
    }
}
