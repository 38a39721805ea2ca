using System.Buffers;
using System.Text.Json;
using Workbench.Evaluation.Scoring;
using Workbench.Evaluation.Specs;
using Workbench.Evaluation.Statistics;
using Workbench.Grains.Runs;
using Workbench.Silo.Storage;

namespace Workbench.Silo.Runs;

/// <summary>
/// Writes a run's results while it runs, following the store: the cells of every row before the first
/// unfinished one go to <c>results.jsonl</c> and into the per-variant figures, corpus scores and the rows
/// the report shows, so the file is in dataset order and finishing a run only writes
/// <c>summary.json</c> and <c>report.html</c>. The store is the only source, so a resumed run, or a run
/// whose cells were committed by another silo, is written the same way: whole, from the first row.
/// </summary>
public sealed class RunResultsWriter : IAsyncDisposable
{
    /// <summary>Rows the report's drill-down shows; every row is in results.jsonl.</summary>
    public const int ReportRows = 500;

    private const int FlushBytes = 1 << 16;

    private readonly RunPlan _plan;
    private readonly string _folder;
    private readonly FileStream _results;
    private readonly ArrayBufferWriter<byte> _buffer = new(FlushBytes * 2);
    private readonly Utf8JsonWriter _json;
    private readonly List<VariantTally> _groups;
    private readonly VariantTally[] _tallyOf;
    private readonly bool _needsFields;
    private readonly int[] _groupOf;
    private readonly VariantComparisons? _comparisons;
    private readonly double[] _scoreValues;
    private readonly EarlyStop? _earlyStop;
    private readonly int _stopScore = -1;

    // What every line of a variant repeats, escaped once.
    private readonly JsonEncodedText _runId;
    private readonly (JsonEncodedText PromptId, JsonEncodedText PromptHash, JsonEncodedText EndpointId)[] _encoded;
    private readonly List<ReportRow> _shown = [];
    private long _cells;
    private long _lastSeq = -1;

    private RunResultsWriter(RunPlan plan, string folder, FileStream results)
    {
        _plan = plan;
        _folder = folder;
        _results = results;
        _json = new Utf8JsonWriter(_buffer);
        _groups = [.. plan.Variants
            .GroupBy(v => (v.Prompt.Id, v.Endpoint.Id))
            .Select(g => new VariantTally(g.First(), plan.Scorers))];
        _tallyOf = [.. plan.Variants.Select(v => _groups.First(g => g.Variant.Prompt.Id == v.Prompt.Id && g.Variant.Endpoint.Id == v.Endpoint.Id))];
        _needsFields = _groups.Any(g => g.NeedsFields);
        _groupOf = [.. _tallyOf.Select(t => _groups.IndexOf(t))];
        _comparisons = _groups.Count > 1 ? new VariantComparisons(_groups.Count, [.. plan.Scorers.Select(s => s.Id)]) : null;
        _scoreValues = new double[plan.Scorers.Count];
        if (plan.Spec.Stop is { } stop && _groups.Count > 1)
        {
            _earlyStop = new EarlyStop(_groups.Count, stop.Alpha);
            _stopScore = plan.Scorers.Select(s => s.Id).ToList().IndexOf(stop.Score);
        }
        _runId = JsonEncodedText.Encode(plan.RunId);
        _encoded = [.. plan.Variants.Select(v => (JsonEncodedText.Encode(v.Prompt.Id), JsonEncodedText.Encode(v.Prompt.VersionHash), JsonEncodedText.Encode(v.Endpoint.Id)))];
    }

    /// <summary>The folder the files go to.</summary>
    public string Folder => _folder;

    /// <summary>For a re-scored view, the run whose outputs it scored.</summary>
    public string? SourceRun { get; set; }

    /// <summary>Where the run's numbers come from, written into summary.json.</summary>
    public RunProvenance? Provenance { get; set; }

    /// <summary>Whether the spec's stop rule has decided every pair of variants on the rows written so far.</summary>
    public bool Decided => _earlyStop?.Decided ?? false;

    /// <summary>Cells written so far.</summary>
    public long Cells => _cells;

    /// <summary>Starts the files of <paramref name="plan"/> in <paramref name="folder"/>.</summary>
    /// <exception cref="SpecException">The folder cannot be created or written; the message names it and the fix.</exception>
    public static RunResultsWriter Open(RunPlan plan, string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
            var results = new FileStream(Path.Combine(folder, "results.jsonl"), FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0);
            return new RunResultsWriter(plan, folder, results);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new SpecException(new SpecError(folder, 0, 0,
                $"the results cannot be written there ({exception.Message}). Choose a folder you can write with --out, or fix its permissions."));
        }
    }

    /// <summary>Writes the committed cells of every row before <paramref name="beforeSeq"/> that is not yet written.</summary>
    public async Task CatchUpAsync(IRunStore store, long beforeSeq, CancellationToken cancellationToken)
    {
        if (beforeSeq <= _lastSeq + 1)
        {
            return;
        }
        long seq = -1;
        IReadOnlyDictionary<string, object?>? fields = null;
        // Rows' fields are read only while something needs them: the report's first rows, or corpus metrics that need references.
        var withFields = _needsFields || _shown.Count < ReportRows;
        await foreach (var stored in store.ReadCellsAsync(_plan.RunId, _lastSeq, beforeSeq, withFields, cancellationToken).ConfigureAwait(false))
        {
            var cell = stored.Cell.Cell;
            if (cell.Seq != seq)
            {
                seq = cell.Seq;
                fields = stored.FieldsJson is { } json && (_needsFields || _shown.Count < ReportRows) ? SqliteRunStore.Fields(json) : null;
            }
            Add(stored.Cell, fields);
            _lastSeq = seq;
        }
        // Every row before beforeSeq is finished, so the last one read is whole.
        _earlyStop?.Flush();
        if (beforeSeq < long.MaxValue)
        {
            // Rows in the range without cells (none today) are passed over too: the range is finished.
            _lastSeq = Math.Max(_lastSeq, beforeSeq - 1);
        }
    }

    /// <summary>Writes one cell that did not come from the store's queue (a re-scored cell); cells must come in row order.</summary>
    public void Write(CellRecord record, IReadOnlyDictionary<string, object?>? fields)
    {
        Add(record, fields);
        _earlyStop?.Flush();
    }

    /// <summary>Flushes results.jsonl and writes summary.json and report.html.</summary>
    public async Task<RunSummary> CompleteAsync(string status, long rows, CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        var variants = _groups.Select(g => g.Summarize()).ToList();
        var summary = new RunSummary(_plan.RunId, _plan.Spec.Name, status, rows, _cells, variants, _plan.Spec.MinPassRate)
        {
            Provenance = Provenance,
            SourceRun = SourceRun,
            Comparisons = _comparisons?.Compare(seed: 0).Select(c => Summarize(c, variants)).ToList(),
            Sequential = _earlyStop?.Pairs.Select(p =>
            {
                var interval = p.Test.Interval();
                return new SequentialSummary(_plan.Spec.Stop!.Score, variants[p.A].Name, variants[p.B].Name, p.Test.Alpha, p.Test.Rows,
                    p.Test.Rows > 0 ? p.Test.Mean : 0, double.IsFinite(interval.Lower) ? interval.Lower : null, double.IsFinite(interval.Upper) ? interval.Upper : null,
                    p.Test.PValue, p.Test.Decided);
            }).ToList(),
        };
        await File.WriteAllTextAsync(Path.Combine(_folder, "summary.json"), JsonSerializer.Serialize(summary, SummaryJsonContext.Default.RunSummary) + "\n", cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(_folder, "report.html"), RunReport.Render(summary, _plan, _shown), cancellationToken).ConfigureAwait(false);
        return summary;
    }

    private static ComparisonSummary Summarize(VariantComparison comparison, List<VariantSummary> variants)
    {
        var c = comparison.Comparison;
        var (a, b) = (variants[comparison.A].Name, variants[comparison.B].Name);
        return new ComparisonSummary(comparison.Score, a, b, c.Rows, c.MeanA, c.MeanB, c.Difference, c.Interval.Lower, c.Interval.Upper,
            c.Binary ? "mcnemar-exact" : "paired-t", c.Test.PValue, comparison.AdjustedPValue, c.Wilcoxon?.PValue, c.EffectSize,
            c.MinimumDetectableEffect, c.RowsNeeded,
            c.RepeatStandardDeviation, ComparisonVerdict.Of(c, comparison.Score, comparison.AdjustedPValue, "Holm", a, b));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _json.DisposeAsync().ConfigureAwait(false);
        await _results.DisposeAsync().ConfigureAwait(false);
    }

    private void Add(CellRecord record, IReadOnlyDictionary<string, object?>? fields)
    {
        var cell = record.Cell;
        var variant = _plan.Variants[cell.Variant];
        _cells++;
        _tallyOf[cell.Variant].Add(cell, fields);
        if (_comparisons is not null)
        {
            for (var s = 0; s < _scoreValues.Length; s++)
            {
                _scoreValues[s] = cell.Scores.TryGetValue(_plan.Scorers[s].Id, out var score) && score.Error is null && score.Value is { } value ? value : double.NaN;
            }
            _comparisons.Add(_groupOf[cell.Variant], cell.Seq, _scoreValues);
            if (_earlyStop is not null && _stopScore >= 0)
            {
                _earlyStop.Add(_groupOf[cell.Variant], cell.Seq, _scoreValues[_stopScore]);
            }
        }
        var current = _shown.Count > 0 ? _shown[^1] : null;
        if (current?.RowId == cell.RowId)
        {
            current.Cells.Add((variant, cell));
        }
        else if (_shown.Count < ReportRows)
        {
            _shown.Add(new ReportRow(cell.RowId, fields!, [(variant, cell)]));
        }
        WriteLine(variant, cell, record.ScoresJson);
        if (_buffer.WrittenCount >= FlushBytes)
        {
            _results.Write(_buffer.WrittenSpan);
            _buffer.ResetWrittenCount();
        }
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _results.WriteAsync(_buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        _buffer.ResetWrittenCount();
        await _results.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private void WriteLine(Variant variant, CellResult cell, byte[] scoresJson)
    {
        var writer = _json;
        var encoded = _encoded[cell.Variant];
        writer.Reset(_buffer);
        writer.WriteStartObject();
        writer.WriteString("run_id"u8, _runId);
        writer.WriteString("row_id"u8, cell.RowId);
        writer.WriteString("prompt_id"u8, encoded.PromptId);
        writer.WriteString("prompt_hash"u8, encoded.PromptHash);
        writer.WriteString("endpoint_id"u8, encoded.EndpointId);
        writer.WriteNumber("repeat"u8, variant.Repeat);
        writer.WriteString("output"u8, cell.Output); // null when the cell has none
        writer.WritePropertyName("scores"u8);
        writer.WriteRawValue(scoresJson, skipInputValidation: true);
        writer.WriteNumber("latency_ms"u8, Math.Round(cell.LatencyMilliseconds, 3));
        writer.WriteNumber("input_tokens"u8, cell.InputTokens);
        writer.WriteNumber("output_tokens"u8, cell.OutputTokens);
        writer.WriteNumber("cost"u8, cell.Cost);
        writer.WriteBoolean("cached"u8, cell.Cached);
        writer.WriteString("error"u8, cell.Error); // null when the cell has none
        if (cell.Context is { } context)
        {
            // The index version and the documents the prompt was given, best first.
            writer.WritePropertyName("retrieval"u8);
            ContextJson.Write(writer, context);
        }
        writer.WriteEndObject();
        writer.Flush();
        _buffer.Write("\n"u8);
    }

    /// <summary>The running figures of one prompt × endpoint.</summary>
    private sealed class VariantTally(Variant variant, IReadOnlyList<Scorer> scorers)
    {
        private readonly Dictionary<string, (RunningSummary Values, long Passed, long Judged, long Errors, bool Binary)> _scores =
            scorers.ToDictionary(s => s.Id, _ => (new RunningSummary(), 0L, 0L, 0L, true), StringComparer.Ordinal);
        private readonly Dictionary<string, CorpusAccumulator> _corpus = scorers
            .Select(s => (s.Id, Accumulator: s.CreateCorpusAccumulator()))
            .Where(s => s.Accumulator is not null)
            .ToDictionary(s => s.Id, s => s.Accumulator!, StringComparer.Ordinal);
        private readonly List<double> _latencies = [];

        /// <summary>Each score's values by row (repeats summed), for the bootstrap interval; dropped past <see cref="SampleRows"/> rows.</summary>
        private readonly Dictionary<string, Dictionary<long, (double Sum, int Count)>?> _samples =
            scorers.ToDictionary(s => s.Id, _ => (Dictionary<long, (double Sum, int Count)>?)new Dictionary<long, (double Sum, int Count)>(), StringComparer.Ordinal);
        private readonly bool _hasThresholds = scorers.Any(s => s.Threshold is not null);
        private long _cells, _errors, _passedCells, _judgedCells, _input, _output, _cached;
        private decimal _cost;

        public Variant Variant { get; } = variant;

        public bool NeedsFields => _corpus.Values.Any(c => c.NeedsReferences);

        public void Add(CellResult cell, IReadOnlyDictionary<string, object?>? fields)
        {
            _cells++;
            _input += cell.InputTokens;
            _output += cell.OutputTokens;
            _cost += cell.Cost;
            if (cell.Cached)
            {
                _cached++;
            }
            if (cell.Error is not null)
            {
                _errors++;
                if (_hasThresholds)
                {
                    // A cell without an output did not pass.
                    _judgedCells++;
                }
                return;
            }
            _latencies.Add(cell.LatencyMilliseconds);
            var judged = false;
            var passed = true;
            var scoreErrors = false;
            foreach (var scorer in scorers)
            {
                if (!cell.Scores.TryGetValue(scorer.Id, out var score))
                {
                    continue;
                }
                var tally = _scores[scorer.Id];
                if (score.Error is not null || score.Value is null)
                {
                    tally.Errors++;
                    scoreErrors = true;
                }
                else
                {
                    tally.Values.Add(score.Value.Value);
                    AddToSample(scorer.Id, cell.Seq, score.Value.Value);
                    tally.Binary &= score.Value.Value is 0 or 1;
                    if (score.Passed is { } ok)
                    {
                        tally.Judged++;
                        judged = true;
                        if (ok)
                        {
                            tally.Passed++;
                        }
                        else
                        {
                            passed = false;
                        }
                    }
                }
                _scores[scorer.Id] = tally;
                if (_corpus.TryGetValue(scorer.Id, out var corpus) && cell.Output is not null && score.Error is null)
                {
                    if (!corpus.NeedsReferences)
                    {
                        corpus.Add(cell.Output, [], score);
                    }
                    else if (fields is not null && scorer.ReferencesOf(fields) is { } references)
                    {
                        corpus.Add(cell.Output, references, score);
                    }
                }
            }
            if (scoreErrors)
            {
                _errors++;
            }
            if (judged || (scoreErrors && _hasThresholds))
            {
                _judgedCells++;
                if (passed && !scoreErrors)
                {
                    _passedCells++;
                }
            }
        }

        /// <summary>
        /// Up to this many rows a continuous score's interval is a seeded BCa bootstrap over rows (repeats
        /// averaged within a row); past it the t interval, which the bootstrap agrees with at that size.
        /// </summary>
        private const int SampleRows = 10_000;

        private void AddToSample(string scorer, long row, double value)
        {
            if (_samples[scorer] is not { } sample)
            {
                return;
            }
            sample.TryGetValue(row, out var sum);
            sample[row] = (sum.Sum + value, sum.Count + 1);
            if (sample.Count > SampleRows)
            {
                _samples[scorer] = null;
            }
        }

        public VariantSummary Summarize()
        {
            _latencies.Sort();
            var scores = scorers.Select(s =>
            {
                var tally = _scores[s.Id];
                double? mean = null, low = null, high = null;
                if (tally.Values.Count > 0)
                {
                    mean = tally.Values.Mean;
                    if (tally.Binary)
                    {
                        // A share of 0/1 outcomes: the Wilson interval stays within [0, 1] and behaves near 0 and 1, where the t interval does not.
                        var interval = ProportionInterval.Wilson((long)Math.Round(tally.Values.Mean * tally.Values.Count), tally.Values.Count, 0.95);
                        (low, high) = (interval.Lower, interval.Upper);
                    }
                    else if (_samples[s.Id] is { Count: > 1 } sample && sample.Values.Select(v => v.Sum / v.Count).Distinct().Skip(1).Any())
                    {
                        var interval = Bootstrap.MeanInterval([.. sample.Values.Select(v => v.Sum / v.Count)], BootstrapMethod.Bca, 0.95, 2_000, seed: 0);
                        (low, high) = (interval.Lower, interval.Upper);
                    }
                    else if (tally.Values.Count > 1)
                    {
                        var interval = tally.Values.MeanInterval();
                        (low, high) = (interval.Lower, interval.Upper);
                    }
                }
                return new ScoreSummary(s.Id, s.Definition.Name, tally.Values.Count, mean, low, high,
                    tally.Judged == 0 ? null : (double)tally.Passed / tally.Judged, tally.Errors,
                    _corpus.TryGetValue(s.Id, out var corpus) ? corpus.Result() : null);
            }).ToList();
            return new VariantSummary(Variant.Prompt.Id, Variant.Prompt.VersionHash, Variant.Endpoint.Id, _cells, _errors,
                _judgedCells == 0 ? null : (double)_passedCells / _judgedCells, scores, _input, _output, _cost,
                _latencies.Count == 0 ? 0 : Quantiles.Of(_latencies, 0.5), _latencies.Count == 0 ? 0 : Quantiles.Of(_latencies, 0.95), _cached);
        }
    }
}
