using System.ComponentModel;
using System.Text.Json.Serialization;
using Modelship.Api.Defaults;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>Which listed version is the candidate.</summary>
public sealed record RefreshSelection
{
    [Description("Strategy: Newest (the newest created time), SemVer (the highest semantic version) or Alias (the one version carrying spec.selection.alias). Defaults to Newest.")]
    [DefaultValue(RefreshScheduleDefaults.SelectionStrategy)]
    public RefreshSelectionStrategy? Strategy { get; init; }

    [Description("Alias for strategy Alias, such as champion; with an mlflow source only the version the alias points at is listed.")]
    public string? Alias { get; init; }

    [Description("VersionPattern is a regular expression a version's name must match to be considered (unanchored: write ^...$).")]
    public string? VersionPattern { get; init; }

    [Description("IncludePrerelease lets strategy SemVer choose pre-releases such as 2.0.0-rc.1. Defaults to false.")]
    [DefaultValue(RefreshScheduleDefaults.IncludePrerelease)]
    public bool? IncludePrerelease { get; init; }
}

/// <summary>How the candidate is chosen among the listed versions.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RefreshSelectionStrategy>))]
public enum RefreshSelectionStrategy
{
    /// <summary>The newest created time.</summary>
    Newest,

    /// <summary>The highest semantic version.</summary>
    SemVer,

    /// <summary>The one version carrying an alias.</summary>
    Alias,
}
