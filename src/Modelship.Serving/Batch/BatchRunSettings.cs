namespace Modelship.Serving.Batch;

/// <summary>Everything one `modelship batch` run needs to know (its command-line options, parsed).</summary>
public sealed record BatchRunSettings
{
    public required BatchLocation Input { get; init; }

    /// <summary>Null: from the input's name (.jsonl/.ndjson: JSON Lines, else CSV).</summary>
    public BatchDataFormat? InputFormat { get; init; }

    public required BatchLocation Output { get; init; }

    /// <summary>Null: from the output's name.</summary>
    public BatchDataFormat? OutputFormat { get; init; }

    public bool IncludeInputs { get; init; }

    /// <summary>http://host:port of a V2 server: a router, a runtime, `modelship run`, a ModelDeployment's Service.</summary>
    public required Uri Endpoint { get; init; }

    public required string Model { get; init; }

    public string? ModelVersion { get; init; }

    public TensorLayoutOptions Layout { get; init; } = new();

    public RequestParameters Parameters { get; init; } = RequestParameters.None;

    /// <summary>Rows per request.</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>Requests in flight at once.</summary>
    public int Concurrency { get; init; } = 4;

    /// <summary>The run fails when more than this fraction of the rows failed (0: any failure fails it).</summary>
    public double MaxFailureRatio { get; init; }

    public int Retries { get; init; } = 4;

    public TimeSpan FirstBackoff { get; init; } = TimeSpan.FromMilliseconds(500);

    public BatchDataFormat EffectiveInputFormat => InputFormat ?? BatchDataFormats.FromName(Input.Text);

    public BatchDataFormat EffectiveOutputFormat => OutputFormat ?? BatchDataFormats.FromName(Output.Text);
}
