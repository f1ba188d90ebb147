using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Modelship.Telemetry.Tests.Families;

public sealed class OrderingTests
{
    [Fact]
    public void Families_are_sorted_by_name_and_series_by_labels()
    {
        using var test = new IsolatedMeter();
        var zebra = test.Meter.CreateCounter<long>("zebra_total");
        var apple = test.Meter.CreateGauge<long>("apple");
        zebra.Add(1, new KeyValuePair<string, object?>("k", "b"));
        zebra.Add(1, new KeyValuePair<string, object?>("k", "a"));
        apple.Record(1, new TagList { { "y", "1" }, { "x", "2" } });

        test.Scrape().Should().Be("""
            # TYPE apple gauge
            apple{x="2",y="1"} 1
            # TYPE zebra_total counter
            zebra_total{k="a"} 1
            zebra_total{k="b"} 1

            """);
    }

    [Fact]
    public void Tag_order_and_value_types_do_not_split_a_series()
    {
        using var test = new IsolatedMeter();
        var counter = test.Meter.CreateCounter<long>("modelship_hits_total");

        counter.Add(1, new TagList { { "code", 200 }, { "model", "iris" } });
        counter.Add(1, new TagList { { "model", "iris" }, { "code", "200" } });
        counter.Add(1, new TagList { { "model", "iris" }, { "code", 200L } });
        counter.Add(1, new TagList { { "code", 200 }, { "model", "iris" } });

        test.Scrape().Should().Be("""
            # TYPE modelship_hits_total counter
            modelship_hits_total{code="200",model="iris"} 4

            """);
    }

    [Fact]
    public void Tag_values_render_invariantly_and_are_escaped()
    {
        using var test = new IsolatedMeter();
        var gauge = test.Meter.CreateGauge<int>("modelship_tags");

        gauge.Record(1, new TagList
        {
            { "flag", true },
            { "ratio", 0.5 },
            { "missing", null },
            { "path", "C:\\models\\\"v1\"\nnext" },
            { "http.method", "GET" },
        });

        test.Scrape().Should().Be("""
            # TYPE modelship_tags gauge
            modelship_tags{flag="true",http_method="GET",missing="",path="C:\\models\\\"v1\"\nnext",ratio="0.5"} 1

            """);
    }

    [Fact]
    public void A_null_tag_name_becomes_an_underscore_label_instead_of_failing_the_caller()
    {
        using var test = new IsolatedMeter();
        var counter = test.Meter.CreateCounter<long>("modelship_odd_tags_total");

        counter.Add(1, new KeyValuePair<string, object?>(null!, "x"));

        test.Scrape().Should().EndWith("modelship_odd_tags_total{_=\"x\"} 1\n");
    }

    [Fact]
    public void Help_text_is_escaped()
    {
        using var test = new IsolatedMeter();
        test.Meter.CreateCounter<long>("modelship_help_total", description: "Line one\nline \"two\" with C:\\path").Add(1);

        test.Scrape().Should().StartWith("# HELP modelship_help_total Line one\\nline \"two\" with C:\\\\path\n");
    }

    [Fact]
    public void Output_is_identical_on_repeated_scrapes()
    {
        using var test = new IsolatedMeter();
        var counter = test.Meter.CreateCounter<long>("modelship_stable_total");
        for (var i = 0; i < 50; i++)
        {
            counter.Add(i, new KeyValuePair<string, object?>("n", i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        test.Scrape().Should().Be(test.Scrape());
    }
}
