namespace Modelship.Serving.InferenceLog;

/// <summary>Where and how the router writes its inference log. Without a <see cref="Directory"/> nothing is logged.</summary>
public sealed record InferenceLogOptions
{
    /// <summary>Directory of <c>inference.log</c> and its rotated files; null disables the inference log.</summary>
    public string? Directory { get; init; }

    /// <summary>Size at which <c>inference.log</c> is rotated to <c>inference.log.1</c>.</summary>
    public long MaxFileBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Files kept, the active one included: <c>inference.log</c> and <c>.1</c> … <c>.(MaxFiles-1)</c>.</summary>
    public int MaxFiles { get; init; } = 5;

    /// <summary>Entries waiting for the writer before new ones are dropped (and counted).</summary>
    public int QueueCapacity { get; init; } = 4096;

    /// <summary>Longest time a written entry may wait in the file buffer while entries keep coming.</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(1);
}
