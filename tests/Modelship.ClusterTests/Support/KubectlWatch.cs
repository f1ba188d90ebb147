using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Modelship.ClusterTests.Support;

/// <summary>
/// `kubectl get ... --watch -o json` in the background: every version of the watched objects, in the order the API
/// server sent them (a watch coalesces nothing), for checks made after a scenario.
/// </summary>
public sealed class KubectlWatch(Kubectl kubectl, params string[] getArguments) : IAsyncDisposable
{
    private readonly KubectlStream _stream = new(kubectl, ["get", .. getArguments, "--watch", "-o", "json"]);

    /// <summary>Every complete object received so far.</summary>
    public IReadOnlyList<JsonNode> Objects()
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(_stream.Text()), isFinalBlock: false,
            new JsonReaderState(new JsonReaderOptions { AllowMultipleValues = true }));
        var objects = new List<JsonNode>();
        // TryParseValue reads a value from the reader's current token; Read moves past the previous value first.
        while (reader.Read() && JsonDocument.TryParseValue(ref reader, out var document))
        {
            using (document)
            {
                objects.Add(JsonNode.Parse(document.RootElement.GetRawText())!);
            }
        }
        return objects;
    }

    public ValueTask DisposeAsync() => _stream.DisposeAsync();
}
