using System.Globalization;
using System.Text.Json.Nodes;
using Workbench.Silo.Hosting;

namespace Workbench.Cli.Tests;

public sealed class LocalModelCommandTests : IDisposable
{
    private const string Spec = """
        name: local
        dataset: rows.jsonl
        prompts:
          - id: qa
            messages:
              - {role: system, content: "Answer in a few words."}
              - {role: user, content: "{{question}}"}
        endpoints:
          - id: tiny
            type: llama
            model_path: MODEL
            slots: 4
            params: {temperature: 0, max_tokens: 12}
        scorers:
          - semantic_similarity: {reference_field: answers}
        """;

    private readonly WorkbenchProcess _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Asking_for_a_gpu_that_this_build_cannot_use_exits_2_with_the_fix()
    {
        _cli.Environment["WORKBENCH_ONNX_CUDA"] = "0";
        var embed = await _cli.RunWithInputAsync("\"hello\"\n", "embed");

        Assert.Equal(2, embed.ExitCode);
        Assert.Contains("-p:WorkbenchGpu=true", embed.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("unexpected error", embed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_spec_with_a_llama_endpoint_runs_on_a_synthesized_model_and_scores_semantic_similarity()
    {
        var synth = await _cli.RunAsync("model", "synth", "--shape", "tiny", "--seed", "5", "--out", "models/tiny.gguf");
        Assert.True(synth.ExitCode == 0, synth.Error);
        Assert.Contains("output is noise", synth.Output, StringComparison.Ordinal);
        _cli.Write("rows.jsonl", string.Join('\n', Enumerable.Range(1, 12).Select(i => $$"""{"id": "r{{i}}", "question": "What is {{i}} plus {{i}}?", "answers": ["{{2 * i}}"]}""")) + "\n");
        _cli.Write("spec.yaml", Spec.Replace("MODEL", "models/tiny.gguf", StringComparison.Ordinal));

        var (exit, output, error) = await _cli.RunAsync("eval", "spec.yaml", "--out", "out");

        Assert.True(exit is 0 or 1, error + output);
        var cells = File.ReadAllLines(Path.Combine(_cli.Folder, "out", "results.jsonl")).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(12, cells.Count);
        Assert.All(cells, cell =>
        {
            Assert.True(cell["error"] is null || cell["error"]!.GetValue<string?>() is null, cell.ToJsonString());
            Assert.InRange(cell["output_tokens"]!.GetValue<int>(), 1, 12);
            Assert.True(cell["input_tokens"]!.GetValue<int>() > 10);
            Assert.InRange(cell["scores"]!["semantic_similarity"]!["value"]!.GetValue<double>(), -1, 1);
        });
    }

    [Fact]
    public async Task A_llama_endpoint_and_the_same_model_served_over_the_openai_protocol_answer_alike_under_greedy_decoding()
    {
        await _cli.RunAsync("model", "synth", "--shape", "tiny", "--seed", "11", "--out", "models/tiny.gguf");
        _cli.Write("rows.jsonl", string.Join('\n', Enumerable.Range(1, 40).Select(i => $$"""{"id": "r{{i}}", "question": "Question {{i}}: which city is the capital of country number {{i * 7}}?", "answers": ["city {{i}}"]}""")) + "\n");
        var port = LoopbackPorts.Free().ToString(CultureInfo.InvariantCulture);
        _cli.Write("spec.yaml", $$$"""
            name: alike
            dataset: rows.jsonl
            prompts:
              - id: qa
                messages:
                  - {role: system, content: "Answer in a few words."}
                  - {role: user, content: "{{question}}"}
            endpoints:
              - {id: tiny, type: llama, model_path: models/tiny.gguf, slots: 8, params: {temperature: 0, max_tokens: 12}}
              - {id: served, type: openai, model: tiny, base_url: "http://127.0.0.1:{{{port}}}/v1", max_concurrency: 8, params: {temperature: 0, max_tokens: 12}}
            scorers:
              - f1: {reference_field: answers}
            """);
        using var server = _cli.Start("", "model", "serve", "models/tiny.gguf", "--port", port, "--slots", "8");
        await WorkbenchProcess.ReadUntilAsync(server, line => line.StartsWith("serving", StringComparison.Ordinal));
        try
        {
            var (exit, output, error) = await _cli.RunAsync("eval", "spec.yaml", "--out", "out", "--no-cache");

            Assert.True(exit is 0 or 1, error + output);
            var cells = File.ReadAllLines(Path.Combine(_cli.Folder, "out", "results.jsonl")).Select(l => JsonNode.Parse(l)!).ToList();
            Assert.Equal(80, cells.Count);
            foreach (var row in cells.GroupBy(c => c["row_id"]!.GetValue<string>()))
            {
                var answers = row.ToDictionary(c => c["endpoint_id"]!.GetValue<string>(), c => (c["output"]?.GetValue<string>(), c["output_tokens"]!.GetValue<int>()));
                Assert.Equal(answers["tiny"], answers["served"]);
            }
        }
        finally
        {
            server.Kill();
        }
    }

    [Fact]
    public async Task The_same_seed_writes_the_same_model_file()
    {
        await _cli.RunAsync("model", "synth", "--seed", "9", "--out", "a.gguf");
        await _cli.RunAsync("model", "synth", "--seed", "9", "--out", "b.gguf");
        await _cli.RunAsync("model", "synth", "--seed", "10", "--out", "c.gguf");

        var bytes = new[] { "a.gguf", "b.gguf", "c.gguf" }.Select(f => File.ReadAllBytes(Path.Combine(_cli.Folder, f))).ToList();
        Assert.Equal(bytes[0], bytes[1]);
        Assert.NotEqual(bytes[0], bytes[2]);
    }

    [Theory]
    [InlineData("models/missing.gguf", "does not exist")]
    [InlineData("models/text.gguf", "is not a GGUF file")]
    [InlineData("models/damaged.gguf", "could not load")]
    public async Task A_model_that_cannot_load_stops_the_run_at_start_up_with_exit_2(string model, string message)
    {
        _cli.Write("models/text.gguf", "this is not a model\n");
        _cli.Write("models/damaged.gguf", "GGUF\u0003\0\0\0" + new string('x', 4000));
        _cli.Write("rows.jsonl", """{"id": "r1", "question": "Why?", "answers": ["because"]}""" + "\n");
        _cli.Write("spec.yaml", Spec.Replace("MODEL", model, StringComparison.Ordinal));

        var (exit, _, error) = await _cli.RunAsync("eval", "spec.yaml", "--out", "out");

        Assert.Equal(2, exit);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Contains("spec.yaml:11:", error, StringComparison.Ordinal);
        Assert.DoesNotContain("unexpected error", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Embed_writes_one_normalised_vector_per_line_and_names_a_bad_line()
    {
        var (exit, output, error) = await _cli.RunWithInputAsync("\"The weather is lovely today.\"\n{\"id\": \"b\", \"text\": \"It's so sunny outside!\"}\n", "embed", "--model", "minilm");

        Assert.True(exit == 0, error);
        var lines = output.Trim().Split('\n').Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Equal("b", lines[1]["id"]!.GetValue<string>());
        var vectors = lines.Select(l => l["embedding"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray()).ToList();
        Assert.All(vectors, v => Assert.Equal(384, v.Length));
        Assert.Equal(0.6660, vectors[0].Zip(vectors[1], (a, b) => a * b).Sum(), 4);

        var bad = await _cli.RunWithInputAsync("\"fine\"\n{\"body\": \"no text field\"}\n", "embed");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("stdin:2:", bad.Error, StringComparison.Ordinal);
    }
}
