namespace Modelship.Serving.Monitoring.Profile;

/// <summary>How <see cref="ReferenceProfileBuilder"/> names and bins the columns of the training data.</summary>
/// <param name="Bins">Quantile bins per numeric column (deciles: 10).</param>
/// <param name="TopK">Categories kept per categorical column; the rest share one "other" bin.</param>
/// <param name="InputName">
/// The columns other than the target are the columns of one 2-D input of this name: the i-th becomes <c>name[i]</c>.
/// Null: each column is the input (or the <c>input[i]</c> column) its header names.
/// </param>
/// <param name="Target">The column holding the target (or the model's predictions on the training data); null: none.</param>
/// <param name="TargetOutput">The model output the target is compared with; null: the target column's name.</param>
/// <param name="Categorical">Columns profiled as categories even when every value is a number (class labels).</param>
public sealed record ProfileOptions(
    int Bins = 10,
    int TopK = 20,
    string? InputName = null,
    string? Target = null,
    string? TargetOutput = null,
    IReadOnlyCollection<string>? Categorical = null);
