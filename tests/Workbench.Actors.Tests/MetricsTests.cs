using System.Diagnostics.Metrics;
using Workbench.Actors.Tests.Grains;

namespace Workbench.Actors.Tests;

public sealed class MetricsTests
{
    [Fact]
    public async Task Calls_errors_latency_and_activations_are_counted_per_type_and_method()
    {
        await using var silo = ActorsFixture.StartSilo(new Probe());
        for (var i = 0; i < 10; i++)
        {
            await silo.Grain<ICounterGrain>($"m{i % 3}").AddAsync(1);
        }
        await Assert.ThrowsAsync<InvalidOperationException>(() => silo.Grain<ICounterGrain>("m0").FailAsync("x"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => silo.Grain<ICounterGrain>("m1").FailAsync("y"));

        var metrics = silo.Runtime.GetMetrics();

        var add = metrics.Find("counter", "AddAsync")!;
        Assert.Equal(10, add.Latency.Calls);
        Assert.Equal(0, add.Latency.Errors);
        Assert.True(add.Latency.P99Nanoseconds >= add.Latency.P50Nanoseconds);
        var fail = metrics.Find("counter", "FailAsync")!;
        Assert.Equal(2, fail.Latency.Calls);
        Assert.Equal(2, fail.Latency.Errors);
        Assert.Null(metrics.Find("counter", "GetAsync"));
        Assert.Equal(3, metrics.LiveActivations["counter"]);
    }

    [Fact]
    public async Task The_metrics_are_published_through_System_Diagnostics_Metrics()
    {
        await using var silo = ActorsFixture.StartSilo(new Probe());
        var measurements = new List<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        void Record(string instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var entry = (instrument, value, Tags(tags));
            lock (measurements)
            {
                measurements.Add(entry);
            }
        }
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Workbench.Actors")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        // The listener hears every silo in the process, and other tests' silos record from their own threads.
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i.Name, v, tags));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i.Name, v, tags));
        listener.Start();

        await silo.Grain<ICounterGrain>("published").AddAsync(2);
        await silo.Grain<ICounterGrain>("published").AddAsync(3);
        listener.RecordObservableInstruments();
        listener.Dispose();

        List<(string Instrument, double Value, Dictionary<string, object?> Tags)> recorded;
        lock (measurements)
        {
            recorded = [.. measurements];
        }
        var durations = recorded.Where(m => m.Instrument == "workbench.grain.call.duration" && Equals(m.Tags["grain.method"], "AddAsync")).ToList();
        Assert.True(durations.Count >= 2, $"expected the two calls in the duration histogram, got {durations.Count}");
        Assert.Contains(recorded, m => m.Instrument == "workbench.grain.calls" && Equals(m.Tags["grain.type"], "counter") && Equals(m.Tags["grain.method"], "AddAsync") && m.Value == 2);
        Assert.Contains(recorded, m => m.Instrument == "workbench.grain.activations" && Equals(m.Tags["grain.type"], "counter") && m.Value == 1);
    }

    private static Dictionary<string, object?> Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var result = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            result[tag.Key] = tag.Value;
        }
        return result;
    }
}
