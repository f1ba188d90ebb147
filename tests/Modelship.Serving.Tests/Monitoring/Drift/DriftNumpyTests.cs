using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Modelship.Serving.Monitoring.Drift;
using Modelship.Serving.Monitoring.Profile;

namespace Modelship.Serving.Tests.Monitoring.Drift;

/// <summary>
/// Profile bins, window proportions, PSI and Hellinger against numpy (reference_drift.py, Debian python3-numpy) on the
/// same data: a reference sample, then live requests through a sliding window smaller than the traffic, so only the
/// last requests count.
/// </summary>
public sealed class DriftNumpyTests
{
    private const string Python = "/usr/bin/python3";
    private const double Tolerance = 1e-9;

    [Theory]
    [InlineData(0.3, 1.1, 10, 500, 800)] // a mild shift: every bin has live values
    [InlineData(3.0, 0.5, 10, 300, 400)] // a strong shift: most live bins are empty, PSI needs its epsilon
    [InlineData(0.0, 1.0, 4, 1000, 1000)] // no shift, quartiles, the window holds everything
    public void Psi_and_hellinger_over_a_sliding_window_match_numpy(double shift, double scale, int bins, int window, int requests)
    {
        var random = new Random(20261207);
        var reference = Enumerable.Range(0, 2000).Select(_ => Normal(random, 0, 1)).ToArray();
        var live = Enumerable.Range(0, requests).Select(_ => Normal(random, shift, scale)).ToArray();

        var profile = ReferenceProfileBuilder.Build(["x"], reference.Select(v => new[] { Text(v) }), new ProfileOptions(Bins: bins));
        var compiled = new CompiledReference(profile);
        var drift = new DriftWindow(window, [.. compiled.Columns.Select(c => c.BinCount)]);
        foreach (var value in live)
        {
            drift.Add([.. V2ValueBinner.Bin(compiled, Request(value), ReadOnlyMemory<byte>.Empty)]);
        }
        var result = VersionDriftCalculator.Compute("v1", compiled, drift);

        var numpy = RunNumpy(reference, live[^window..], bins);
        profile.Features[0].Edges.Should().HaveCount(numpy["edges"]!.AsArray().Count);
        profile.Features[0].Edges!.Zip(numpy["edges"]!.AsArray().Select(e => e!.GetValue<double>())).Should().OnlyContain(p => Math.Abs(p.First - p.Second) <= Tolerance);
        profile.Features[0].Proportions.Zip(numpy["expected"]!.AsArray().Select(e => e!.GetValue<double>())).Should().OnlyContain(p => Math.Abs(p.First - p.Second) <= Tolerance);
        result.Samples.Should().Be(window);
        var feature = result.Features.Should().ContainSingle().Subject;
        feature.Psi.Should().BeApproximately(numpy["psi"]!.GetValue<double>(), Tolerance);
        feature.Hellinger.Should().BeApproximately(numpy["hellinger"]!.GetValue<double>(), Tolerance);
        if (shift == 0)
        {
            feature.Psi.Should().BeLessThan(0.05, "live data from the reference's distribution");
        }
        else
        {
            feature.Psi.Should().BeGreaterThan(0.1, "a shifted distribution");
        }
    }

    private static JsonNode RunNumpy(double[] reference, double[] live, int bins)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Monitoring", "Drift", "reference_drift.py");
        var input = new JsonObject
        {
            ["reference"] = new JsonArray([.. reference.Select(v => (JsonNode)v)]),
            ["live"] = new JsonArray([.. live.Select(v => (JsonNode)v)]),
            ["bins"] = bins,
            ["epsilon"] = DriftMath.Epsilon,
        };
        var startInfo = new ProcessStartInfo(Python, [script]) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(startInfo)!;
        process.StandardInput.Write(input.ToJsonString());
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.Should().Be(0, "reference_drift.py needs python3-numpy (hack/install-test-deps.sh): {0}", errors);
        return JsonNode.Parse(output)!;
    }

    private static byte[] Request(double value) =>
        Encoding.UTF8.GetBytes($$"""{"inputs":[{"name":"x","shape":[1],"datatype":"FP64","data":[{{Text(value)}}]}]}""");

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static double Normal(Random random, double mean, double deviation) =>
        mean + (deviation * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
}
