using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Workbench.Grains.LocalModels;

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
    };

    private static Command Synth()
    {
        var shape = new Option<string>("--shape")
        {
            Description = "tiny (a few hundred kilobytes, for tests) or 135m (SmolLM-135M's dimensions, 270 MB, for benchmarks).",
            DefaultValueFactory = _ => "tiny",
        };
        shape.AcceptOnlyFromAmong([.. SyntheticModelShape.All.Keys]);
        var seed = new Option<ulong>("--seed") { Description = "The seed of the weights and vocabulary: the same seed writes the same bytes.", DefaultValueFactory = _ => 0 };
        var output = new Option<FileInfo>("--out") { Description = "The GGUF file to write.", Required = true };
        var command = new Command("synth", "Write a test model (llama architecture, seeded random weights, ChatML template): its output is noise.") { shape, seed, output };
        command.SetAction(result =>
        {
            var chosen = SyntheticModelShape.All[result.GetValue(shape)!];
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
