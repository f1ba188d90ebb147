using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Modelship.Serving.Routing;

namespace Modelship.Serving.Tests.Routing;

public class ClusterRoutingTableSourceTests
{
    [Fact]
    public async Task Serves_each_valid_document_keeps_the_table_on_bad_ones_and_reports_the_served_generation()
    {
        var documents = new ScriptedDocuments();
        var reporter = new RecordingReporter(failuresBeforeSuccess: 2);
        var target = new RoutingTableHolder(NullLogger.Instance);
        using var stop = new CancellationTokenSource();
        var running = new ClusterRoutingTableSource(documents, reporter, NullLogger.Instance).RunAsync(target, stop.Token);

        await documents.Send(RoutingTables.ChampionChallengers(3).Serialize());
        await Eventually.HoldsAsync(() => reporter.Reported.Contains(3));
        await documents.Send(null);
        await documents.Send("{ not json");
        await documents.Send("""{"generation": 4, "modelName": "iris", "backends": []}""");
        await documents.Send(RoutingTables.ChampionChallengers(5, ("a", 40)).Serialize());
        await Eventually.HoldsAsync(() => reporter.Reported.Contains(5));

        target.ServedGeneration.Should().Be(5);
        reporter.Reported.Should().Equal(3, 5);
        reporter.Attempts.Should().BeGreaterThanOrEqualTo(4, "the first report failed twice and was retried");
        await stop.CancelAsync();
        await running;
    }


    private sealed class ScriptedDocuments : IRoutingTableDocumentWatch
    {
        private readonly Channel<string?> _documents = Channel.CreateUnbounded<string?>();

        public string Origin => "scripted documents";

        public ValueTask Send(string? document) => _documents.Writer.WriteAsync(document);

        public async IAsyncEnumerable<string?> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await foreach (var document in _documents.Reader.ReadAllAsync(cancellationToken))
            {
                yield return document;
            }
        }
    }

    private sealed class RecordingReporter(int failuresBeforeSuccess) : IServedGenerationReporter
    {
        private int _attempts;

        public ConcurrentQueue<long> Reported { get; } = new();

        public int Attempts => Volatile.Read(ref _attempts);

        public Task ReportAsync(long generation, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _attempts) <= failuresBeforeSuccess)
            {
                throw new HttpRequestException("API server unavailable");
            }
            Reported.Enqueue(generation);
            return Task.CompletedTask;
        }
    }
}
