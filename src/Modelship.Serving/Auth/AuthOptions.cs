namespace Modelship.Serving.Auth;

/// <summary>Bearer-token authentication of a router; off when <see cref="TokenDirectory"/> is null.</summary>
public sealed record AuthOptions
{
    /// <summary>Directory of inference token files (a mounted Secret); null: no authentication at all.</summary>
    public string? TokenDirectory { get; init; }

    /// <summary>Directory of admin token files; null: the admin endpoints take the inference tokens.</summary>
    public string? AdminTokenDirectory { get; init; }

    /// <summary>How often the directories are read again even without a change notice.</summary>
    public TimeSpan RescanInterval { get; init; } = TimeSpan.FromSeconds(10);

    public bool IsOn => TokenDirectory is not null || AdminTokenDirectory is not null;
}
