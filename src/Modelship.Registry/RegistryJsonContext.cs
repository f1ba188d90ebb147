using System.Text.Json.Serialization;
using Modelship.Registry.Http;
using Modelship.Registry.Metadata;
using Modelship.Registry.Mlflow;

namespace Modelship.Registry;

/// <summary>Every JSON shape the registry reads, source-generated (Native AOT). metadata.json and the HTTP index are camelCase.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = false,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(VersionMetadata))]
[JsonSerializable(typeof(HttpIndexDocument))]
[JsonSerializable(typeof(MlflowAliasResponse))]
[JsonSerializable(typeof(MlflowSearchModelVersionsResponse))]
[JsonSerializable(typeof(MlflowDownloadUriResponse))]
[JsonSerializable(typeof(MlflowRunResponse))]
public sealed partial class RegistryJsonContext : JsonSerializerContext;
