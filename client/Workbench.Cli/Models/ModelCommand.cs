using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Workbench.Grains.LocalModels;
using Workbench.Silo.LocalModels;

namespace Workbench.Cli.Models;

/// <summary>
/// <c>workbench model synth --shape tiny|135m --seed S --out FILE</c>: writes a llama-architecture GGUF
/// model with seeded random weights, for tests and benchmarks where no trained model can be downloaded.
/// Its answers are noise; any real GGUF file works in a <c>llama</c> endpoint through <c>model_path</c>.
/// </summary>
internal static class ModelCommand
{
    public static Command Create() => new("model", "Local models for llama endpoints.")
    {
        Synth(),
        Serve(),
    };

    private static Command Serve()
    {
        var model = new Argument<FileInfo>("MODEL") { Description = "The GGUF model file." };
        var port = new Option<int>("--port") { Description = "The port on 127.0.0.1 to listen on.", DefaultValueFactory = _ => 8080 };
        var host = new Option<string>("--host") { Description = "The address to listen on; 0.0.0.0 for every interface.", DefaultValueFactory = _ => "127.0.0.1" };
        var slots = new Option<int>("--slots") { Description = "Requests decoded together.", DefaultValueFactory = _ => LocalModelSettings.DefaultSlots };
        var context = new Option<int>("--n-ctx") { Description = "Context in tokens, divided equally among the slots; 0 gives each slot the model's own, up to 2,048.", DefaultValueFactory = _ => 0 };
        var threads = new Option<int>("--threads") { Description = "CPU threads.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var gpuLayers = new Option<int>("--n-gpu-layers") { Description = "Layers offloaded to a GPU (docs/gpu.md).", DefaultValueFactory = _ => 0 };
        var command = new Command("serve", "Serve a GGUF model over the OpenAI chat-completions protocol, with continuous batching, until Ctrl-C.")
        {
            model, port, host, slots, context, threads, gpuLayers,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var path = result.GetValue(model)!.FullName;
            if (GgufFile.Problem(path) is { } problem)
            {
                await Console.Error.WriteLineAsync($"error: {problem}");
                return 2;
            }
            using var logging = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
            var settings = new LocalModelSettings(path, result.GetValue(context), Math.Max(1, result.GetValue(slots)), Math.Max(1, result.GetValue(threads)), result.GetValue(gpuLayers));
            LocalModelServer server;
            try
            {
                server = await LocalModelServer.StartAsync(settings, string.Create(CultureInfo.InvariantCulture, $"http://{result.GetValue(host)}:{result.GetValue(port)}"), logging, cancellationToken);
            }
            catch (LocalModelException exception)
            {
                await Console.Error.WriteLineAsync($"error: {exception.Message}");
                return 2;
            }
            catch (Exception exception) when (exception is IOException or InvalidOperationException or FormatException or UriFormatException)
            {
                await Console.Error.WriteLineAsync($"error: cannot listen on {result.GetValue(host)}:{result.GetValue(port)}: {exception.Message} Choose another --host or --port.");
                return 2;
            }
            await using (server)
            {
                Console.WriteLine($"serving {Path.GetFileName(path)} at {server.Address}v1 (OpenAI chat completions); Ctrl-C stops.");
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                }
            }
            return 0;
        });
        return command;
    }

    private static Command Synth()
    {
        var shape = new Option<string>("--shape")
        {
            Description = "tiny (a few hundred kilobytes, for tests) or 135m (SmolLM-135M's dimensions, 144 MB in Q8_0, for benchmarks).",
            DefaultValueFactory = _ => "tiny",
        };
        shape.AcceptOnlyFromAmong([.. SyntheticModelShape.All.Keys]);
        var seed = new Option<ulong>("--seed") { Description = "The seed of the weights and vocabulary: the same seed writes the same bytes.", DefaultValueFactory = _ => 0 };
        var output = new Option<FileInfo>("--out") { Description = "The GGUF file to write.", Required = true };
        var type = new Option<string?>("--type") { Description = "The weights' type: f32, f16 or q8_0 (llama.cpp's 8-bit blocks). Default: f32 for tiny, q8_0 for 135m." };
        type.AcceptOnlyFromAmong("f32", "f16", "q8_0");
        var command = new Command("synth", "Write a test model (llama architecture, seeded random weights, ChatML template): its output is noise.") { shape, seed, output, type };
        command.SetAction(result =>
        {
            var chosen = SyntheticModelShape.All[result.GetValue(shape)!];
            chosen = result.GetValue(type) switch
            {
                "f32" => chosen with { Type = GgmlType.F32 },
                "f16" => chosen with { Type = GgmlType.F16 },
                "q8_0" => chosen with { Type = GgmlType.Q8Blocks },
                _ => chosen,
            };
            var path = result.GetValue(output)!.FullName;
            var watch = Stopwatch.StartNew();
            try
            {
                SyntheticModel.Write(chosen, result.GetValue(seed), path);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"error: cannot write {path}: {exception.Message}");
                return 2;
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"wrote {path}: {chosen.Name} shape, {chosen.ParameterCount:N0} parameters, {new FileInfo(path).Length / 1e6:0.0} MB, in {watch.Elapsed.TotalSeconds:0.0} s."));
            Console.WriteLine("Its weights are random: the model's output is noise. Use it to test and measure; for answers, point model_path at a real GGUF model.");
            return 0;
        });
        return command;
    }
}
