using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Workbench.Grains.Embeddings;
using Workbench.Grains.LocalModels;

namespace Workbench.Benchmarks.Local;

/// <summary>
/// <list type="bullet">
/// <item><c>local_tokens_per_s_1</c>, <c>_4</c>, <c>_16</c>: generated tokens per second, summed over
/// 1, 4 and 16 concurrent requests, on the 135M-parameter synthetic model (SmolLM-135M's shape, Q8_0
/// weights) served by one <see cref="LlamaModel"/> with 16 slots, greedy decoding, 128 tokens per answer;
/// each of the concurrent streams sends two requests one after the other, so requests also join mid-batch;
/// the time counts every prompt's prefill as well as the decoding;</item>
/// <item><c>local_batching_gain_16</c>: the 16-request figure over the 1-request figure;</item>
/// <item><c>embed_texts_per_s</c>: SQuAD questions embedded by all-MiniLM-L6-v2, batched.</item>
/// </list>
/// </summary>
internal sealed class LocalSuite : IBenchmarkSuite
{
    private const int TokensPerAnswer = 128, Turns = 2;

    public string Name => "local";

    public async Task<IReadOnlyList<Figure>> RunAsync(CancellationToken cancellationToken)
    {
        var questions = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Eval", "squad-dev-100.jsonl"))
            .Select(line => JsonNode.Parse(line)!["question"]!.GetValue<string>())
            .ToList();
        var folder = Directory.CreateTempSubdirectory("workbench-bench-model-").FullName;
        var figures = new List<Figure>();
        try
        {
            Console.WriteLine("  local: writing the 135m synthetic model...");
            var path = Path.Combine(folder, "135m.gguf");
            SyntheticModel.Write(SyntheticModelShape.Small135M, 1, path);
            var threads = Environment.ProcessorCount;
            await using var model = LlamaModel.Load(new LocalModelSettings(path, 16 * 256, 16, threads, 0), NullLogger.Instance);
            await GenerateAsync(model, questions, 1, 8, cancellationToken);
            // The machine is shared: each level runs twice, in the order 1, 4, 16, 16, 4, 1, and the faster run counts,
            // so that a slow spell does not land on one level only.
            var perSecond = new Dictionary<int, double>();
            foreach (var concurrent in new[] { 1, 4, 16, 16, 4, 1 })
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  local: {concurrent} concurrent request(s), {threads} threads..."));
                var (steps, served) = (model.Steps, model.MeanBatch * model.Steps);
                var clock = Stopwatch.StartNew();
                var tokens = await GenerateAsync(model, questions, concurrent, TokensPerAnswer, cancellationToken);
                var rate = tokens / clock.Elapsed.TotalSeconds;
                perSecond[concurrent] = Math.Max(perSecond.GetValueOrDefault(concurrent), rate);
                var batch = ((model.MeanBatch * model.Steps) - served) / (model.Steps - steps);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"    {tokens} tokens in {clock.Elapsed.TotalSeconds:0.0} s ({rate:0.0} tokens/s), {model.Steps - steps} decode steps of {batch:0.0} requests on average"));
            }
            foreach (var (concurrent, rate) in perSecond)
            {
                figures.Add(new Figure(string.Create(CultureInfo.InvariantCulture, $"local_tokens_per_s_{concurrent}"), rate, "tokens/s"));
            }
            var gain = perSecond[16] / perSecond[1];
            figures.Add(new Figure("local_batching_gain_16", gain, "x", ">= 2.5", gain >= 2.5));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        Console.WriteLine("  local: embedding SQuAD questions with MiniLM...");
        var generator = EmbeddingModels.Shared.Load("minilm");
        await generator.GenerateAsync(questions.Take(64), cancellationToken: cancellationToken);
        var texts = Enumerable.Range(0, 4_096).Select(i => questions[i % questions.Count]).ToList();
        var embedClock = Stopwatch.StartNew();
        var embeddings = await generator.GenerateAsync(texts, cancellationToken: cancellationToken);
        figures.Add(new Figure("embed_texts_per_s", embeddings.Count / embedClock.Elapsed.TotalSeconds, "texts/s"));
        return figures;
    }

    /// <summary>Runs <paramref name="concurrent"/> streams of <see cref="Turns"/> greedy requests each; returns the tokens generated.</summary>
    private static async Task<long> GenerateAsync(LlamaModel model, List<string> questions, int concurrent, int maxTokens, CancellationToken cancellationToken)
    {
        var streams = Enumerable.Range(0, concurrent).Select(async stream =>
        {
            long tokens = 0;
            for (var turn = 0; turn < Turns; turn++)
            {
                var question = questions[((stream * Turns) + turn) % questions.Count];
                var answer = await model.CompleteAsync(
                    new LocalCompletionRequest([new LocalMessage("user", question)], maxTokens, 0, null, null, 0, [], null, null), cancellationToken);
                tokens += answer.CompletionTokens;
            }
            return tokens;
        });
        return (await Task.WhenAll(streams)).Sum();
    }
}
