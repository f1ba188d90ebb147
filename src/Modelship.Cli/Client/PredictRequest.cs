using System.Text;
using Modelship.Serving.Batch;
using Modelship.Serving.Protocol;

namespace Modelship.Cli.Client;

/// <summary>
/// The V2 request `predict` sends (pure): a V2 request from the file as it is, or the rows encoded for the model's
/// inputs by the batch encoders (one tensor per input named like a column, or the chosen columns side by side as
/// the model's only input; --columns and --input-name as in `modelship batch`). Every row must be sendable: a
/// refused row fails the command and names the row and column.
/// </summary>
public static class PredictRequest
{
    public static bool NeedsMetadata(PredictInput input) => input?.V2Request is null;

    public static byte[] Build(PredictInput input, IReadOnlyList<TensorMetadata> modelInputs, TensorLayoutOptions options)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.V2Request is { } request)
        {
            return request;
        }
        if (input.Rows.Count == 0)
        {
            throw new ClientCommandException(CliExitCodes.Usage, "the input has no rows");
        }
        TensorLayout layout;
        try
        {
            layout = TensorLayoutPlanner.Plan(input.Columns, modelInputs, options);
        }
        catch (BatchInputException e)
        {
            throw new ClientCommandException(CliExitCodes.Usage, e.Message, e);
        }
        var encoded = InferenceRequestEncoder.Encode(input.Rows, input.Columns, layout, RequestParameters.None);
        if (encoded.Refused.Count > 0)
        {
            var reasons = new StringBuilder($"{encoded.Refused.Count} row(s) cannot be sent as {layout.Describe()}:");
            foreach (var (_, error) in encoded.Refused.Take(10))
            {
                reasons.Append("\n  ").Append(error);
            }
            throw new ClientCommandException(CliExitCodes.Usage, reasons.ToString());
        }
        return encoded.Body!;
    }
}
