using System.Globalization;
using System.Text.Json;

namespace Modelship.Telemetry.Tests.Conformance;

/// <summary>Reads our exposition back with prometheus_client's parser (Debian python3-prometheus-client).</summary>
public sealed class PythonParserTests
{
    // One JSON line per family ([name, type, help]) followed by one per sample ([name, labels, repr(value)]).
    private const string DumpFamilies = """
        import json, sys
        from prometheus_client.parser import text_string_to_metric_families
        for family in text_string_to_metric_families(sys.stdin.read()):
            print(json.dumps(["family", family.name, family.type, family.documentation], ensure_ascii=False))
            for sample in family.samples:
                print(json.dumps([sample.name, dict(sorted(sample.labels.items())), repr(sample.value)], ensure_ascii=False))
        """;

    [Fact]
    public void Every_family_sample_label_and_value_reads_back_as_written()
    {
        using var test = new IsolatedMeter();
        KitchenSinkMeter.Populate(test.Meter);

        var parsed = Parse(test.Scrape());

        parsed.Should().Equal(
            """["family", "http_client_sent_bytes", "counter", "Bytes sent."]""",
            """["http_client_sent_bytes_total", {}, "1.5"]""",
            """["family", "modelship_inflight_requests", "gauge", "Requests in flight."]""",
            """["modelship_inflight_requests", {}, "3.0"]""",
            """["family", "modelship_process_cpu_seconds", "counter", "CPU time used."]""",
            """["modelship_process_cpu_seconds_total", {}, "12.25"]""",
            """["family", "modelship_ratio", "gauge", "Odd numbers."]""",
            """["modelship_ratio", {"case": "a"}, "inf"]""",
            """["modelship_ratio", {"case": "b"}, "-inf"]""",
            """["modelship_ratio", {"case": "c"}, "nan"]""",
            """["modelship_ratio", {"case": "d"}, "1e-09"]""",
            """["modelship_ratio", {"case": "e"}, "6.02214076e+23"]""",
            """["family", "modelship_request_duration_seconds", "histogram", "Request latency."]""",
            """["modelship_request_duration_seconds_bucket", {"le": "0.25", "model": "iris"}, "2.0"]""",
            """["modelship_request_duration_seconds_bucket", {"le": "1", "model": "iris"}, "2.0"]""",
            """["modelship_request_duration_seconds_bucket", {"le": "2.5", "model": "iris"}, "2.0"]""",
            """["modelship_request_duration_seconds_bucket", {"le": "+Inf", "model": "iris"}, "3.0"]""",
            """["modelship_request_duration_seconds_sum", {"model": "iris"}, "3.375"]""",
            """["modelship_request_duration_seconds_count", {"model": "iris"}, "3.0"]""",
            """["modelship_request_duration_seconds_bucket", {"le": "0.25", "model": "mnist"}, "0.0"]""",
            """["modelship_request_duration_seconds_bucket", {"le": "1", "model": "mnist"}, "0.0"]""",
            """["modelship_request_duration_seconds_bucket", {"le": "2.5", "model": "mnist"}, "0.0"]""",
            """["modelship_request_duration_seconds_bucket", {"le": "+Inf", "model": "mnist"}, "0.0"]""",
            """["modelship_request_duration_seconds_sum", {"model": "mnist"}, "0.0"]""",
            """["modelship_request_duration_seconds_count", {"model": "mnist"}, "0.0"]""",
            """["family", "modelship_requests", "counter", "Requests answered, by \"code\".\nSecond line, C:\\path."]""",
            """["modelship_requests_total", {"code": "200", "model": "ïris"}, "3.0"]""",
            """["modelship_requests_total", {"code": "500", "model": "we\\ird \"quoted\"\nname {a=\"b\"}, ünïcode"}, "1.0"]""",
            """["family", "modelship_routing_generation", "gauge", "Generation of the served routing table."]""",
            """["modelship_routing_generation", {"model": "iris"}, "42.0"]""",
            """["family", "modelship_workqueue_depth", "gauge", "Items waiting."]""",
            """["modelship_workqueue_depth", {"name": "q"}, "-2.0"]""");
    }

    [Fact]
    public void Random_label_values_and_gauge_values_round_trip()
    {
        using var test = new IsolatedMeter();
        var gauge = test.Meter.CreateGauge<double>("modelship_fuzz", description: "Fuzzed series.");
        var random = new Random(5);
        string[] alphabet = ["a", "b", "\\", "\"", "\n", "{", "}", "=", ",", "#", " ", "\t", "ü", "é", "€", "😀"];
        var written = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < 300; i++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(0, 12)).Select(_ => alphabet[random.Next(alphabet.Length)]));
            // Every value is unique so each series is told apart by its "id" label; the text label is what is checked.
            var id = i.ToString(CultureInfo.InvariantCulture);
            var value = random.Next(10) switch
            {
                0 => double.NaN,
                1 => double.PositiveInfinity,
                2 => double.NegativeInfinity,
                _ => BitConverter.Int64BitsToDouble(random.NextInt64()) is var bits && double.IsFinite(bits) ? bits : random.NextDouble(),
            };
            gauge.Record(value, new KeyValuePair<string, object?>("id", id), new KeyValuePair<string, object?>("text", text));
            written[id + "|" + text] = value;
        }

        var read = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in Parse(test.Scrape()).Skip(1))
        {
            using var sample = JsonDocument.Parse(line);
            var labels = sample.RootElement[1];
            var key = labels.GetProperty("id").GetString() + "|" + labels.GetProperty("text").GetString();
            read[key] = PythonFloat(sample.RootElement[2].GetString()!);
        }

        read.Should().BeEquivalentTo(written);
    }

    private static List<string> Parse(string exposition)
    {
        var python = ExternalTool.PythonWithPrometheusClient();
        var result = ExternalTool.Run(python, ["-c", DumpFamilies], exposition);
        result.ExitCode.Should().Be(0, $"prometheus_client should parse the exposition: {result.Stderr}\n{exposition}");
        return [.. result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }

    private static double PythonFloat(string repr) => repr switch
    {
        "nan" => double.NaN,
        "inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        _ => double.Parse(repr, CultureInfo.InvariantCulture),
    };
}
