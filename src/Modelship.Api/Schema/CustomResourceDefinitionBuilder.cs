using System.Text.Json.Nodes;

namespace Modelship.Api.Schema;

/// <summary>Builds an apiextensions.k8s.io/v1 CustomResourceDefinition as a JSON tree.</summary>
public static class CustomResourceDefinitionBuilder
{
    public static JsonObject Build(CustomResourceDescription resource)
    {
        var names = new JsonObject
        {
            ["kind"] = resource.Kind,
            ["listKind"] = resource.Kind + "List",
            ["plural"] = resource.Plural,
            ["singular"] = resource.Singular,
        };
        if (resource.ShortNames.Count > 0)
        {
            names["shortNames"] = OpenApiSchemaGenerator.Strings(resource.ShortNames);
        }
        if (resource.Categories.Count > 0)
        {
            names["categories"] = OpenApiSchemaGenerator.Strings(resource.Categories);
        }
        var version = new JsonObject
        {
            ["name"] = resource.Version,
            ["served"] = true,
            ["storage"] = true,
            ["schema"] = new JsonObject { ["openAPIV3Schema"] = OpenApiSchemaGenerator.ForType(resource.RootType) },
        };
        if (resource.StatusSubresource)
        {
            version["subresources"] = new JsonObject { ["status"] = new JsonObject() };
        }
        if (resource.PrinterColumns.Count > 0)
        {
            version["additionalPrinterColumns"] = new JsonArray([.. resource.PrinterColumns.Select(PrinterColumnNode)]);
        }
        return new JsonObject
        {
            ["apiVersion"] = "apiextensions.k8s.io/v1",
            ["kind"] = "CustomResourceDefinition",
            ["metadata"] = new JsonObject
            {
                ["name"] = resource.Name,
                ["labels"] = new JsonObject { ["app.kubernetes.io/part-of"] = "modelship" },
            },
            ["spec"] = new JsonObject
            {
                ["group"] = resource.Group,
                ["names"] = names,
                ["scope"] = resource.Namespaced ? "Namespaced" : "Cluster",
                ["versions"] = new JsonArray(version),
            },
        };
    }

    private static JsonNode PrinterColumnNode(PrinterColumn column)
    {
        var node = new JsonObject
        {
            ["name"] = column.Name,
            ["type"] = column.Type,
            ["jsonPath"] = column.JsonPath,
            ["description"] = column.Description,
        };
        if (column.Priority != 0)
        {
            node["priority"] = column.Priority;
        }
        return node;
    }
}
