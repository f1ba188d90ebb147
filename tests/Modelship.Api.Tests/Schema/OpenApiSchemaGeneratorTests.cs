using System.ComponentModel;
using System.Text.Json.Serialization;
using Modelship.Api.Schema;

namespace Modelship.Api.Tests.Schema;

/// <summary>The generator refuses types whose CRD would silently lose documentation or break apply semantics.</summary>
public class OpenApiSchemaGeneratorTests
{
    public sealed record Undocumented
    {
        [Description("Documented.")]
        public string? Documented { get; init; }

        public string? Forgotten { get; init; }
    }

    public sealed record DefaultOutsideEnum
    {
        [Description("Strategy.")]
        [DefaultValue("Linear")]
        public V1Alpha1.RolloutStrategy? Strategy { get; init; }
    }

    public sealed record DefaultOutsideBounds
    {
        [Description("Replicas.")]
        [Minimum(1)]
        [DefaultValue(0)]
        public int? Replicas { get; init; }
    }

    public sealed record Item
    {
        [Description("Optional name.")]
        public string? Name { get; init; }
    }

    public sealed record ListMapWithOptionalKey
    {
        [Description("Items.")]
        [ListMapKeys("name")]
        public IReadOnlyList<Item>? Items { get; init; }
    }

    public sealed record Renamed
    {
        [Description("Renamed on the wire.")]
        [JsonPropertyName("x_value")]
        public required string Value { get; init; }

        [JsonIgnore]
        public string Computed => Value;
    }

    [Theory]
    [InlineData(typeof(Undocumented), "Undocumented.Forgotten has no ?Description?*")]
    [InlineData(typeof(DefaultOutsideEnum), "DefaultOutsideEnum.Strategy: default 'Linear' is not one of the enum values")]
    [InlineData(typeof(DefaultOutsideBounds), "DefaultOutsideBounds.Replicas: default 0 is outside minimum/maximum")]
    [InlineData(typeof(ListMapWithOptionalKey), "ListMapWithOptionalKey.Items: list-map key 'name' must be a required property of the items")]
    public void Refuses_schemas_that_would_lose_meaning(Type type, string message)
    {
        var build = () => OpenApiSchemaGenerator.ForType(type);

        build.Should().Throw<InvalidOperationException>().WithMessage(message);
    }

    [Fact]
    public void Uses_json_names_and_skips_ignored_properties()
    {
        var schema = OpenApiSchemaGenerator.ForType(typeof(Renamed));

        schema.ToJsonString().Should().Be(
            """{"type":"object","properties":{"x_value":{"type":"string","description":"Renamed on the wire."}},"required":["x_value"]}""");
    }
}
