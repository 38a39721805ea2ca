using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Workbench.Evaluation.Specs;

namespace Workbench.Grains.LocalModels;

/// <summary>How a local model is loaded: the file, and the context it is served from. Endpoints that load the same file alike share one model per silo.</summary>
/// <param name="ModelPath">The GGUF file, as an absolute path.</param>
/// <param name="ContextSize">Tokens the context holds, divided equally among the slots (<c>n_ctx</c>); 0 gives each slot the context the model was trained with, up to <see cref="LlamaModel.DefaultSlotContext"/>.</param>
/// <param name="Slots">Sequences decoded together (<c>slots</c>).</param>
/// <param name="Threads">CPU threads for decoding (<c>threads</c>).</param>
/// <param name="GpuLayers">Layers offloaded to a GPU when the native library has one (<c>n_gpu_layers</c>).</param>
[GenerateSerializer, Immutable]
public sealed record LocalModelSettings(
    [property: Id(0)] string ModelPath,
    [property: Id(1)] int ContextSize,
    [property: Id(2)] int Slots,
    [property: Id(3)] int Threads,
    [property: Id(4)] int GpuLayers)
{
    /// <summary>Sequences decoded together when the spec does not say.</summary>
    public const int DefaultSlots = 8;

    /// <summary>The key of this model's grain: the same on every silo for the same file and settings.</summary>
    public string Key => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
        string.Create(CultureInfo.InvariantCulture, $"{ModelPath}|{ContextSize}|{Slots}|{Threads}|{GpuLayers}"))))[..24];

    /// <summary>Reads the settings of a <c>llama</c> endpoint, checking each value and that the file is a GGUF model.</summary>
    /// <exception cref="SpecException">A setting is wrong or the file is missing or not a GGUF model; every problem is listed with its line.</exception>
    public static LocalModelSettings From(EndpointSpec spec, string specFile)
    {
        var errors = new List<SpecError>();
        int Whole(string key, int fallback, int min, int max, string meaning)
        {
            if (!spec.Options.TryGetValue(key, out var value))
            {
                return fallback;
            }
            if (value.AsNumber() is { } n && n == Math.Floor(n) && n >= min && n <= max)
            {
                return (int)n;
            }
            errors.Add(new SpecError(specFile, value.Line, value.Column,
                string.Create(CultureInfo.InvariantCulture, $"`{key}` is {meaning}, a whole number from {min} to {max}, for example `{key}: {fallback}`; found `{value}`.")));
            return fallback;
        }
        var slots = Whole("slots", DefaultSlots, 1, 256, "how many requests are decoded together");
        var contextSize = spec.Options.ContainsKey("n_ctx") ? Whole("n_ctx", 4096, 64, 1 << 20, "the context in tokens, divided equally among the slots") : 0;
        var threads = Whole("threads", Math.Max(1, Environment.ProcessorCount), 1, 1024, "the CPU threads that decode");
        var gpuLayers = Whole("n_gpu_layers", 0, 0, 100_000, "how many layers go to the GPU (0 keeps the model on the CPU)");
        string? path = null;
        if (!spec.Options.TryGetValue("model_path", out var pathValue) || string.IsNullOrWhiteSpace(pathValue.Scalar))
        {
            errors.Add(new SpecError(specFile, spec.Line, 0,
                $"llama endpoint `{spec.Id}` needs `model_path`: a GGUF model file. Any llama.cpp model works; for a test model run `workbench model synth --shape tiny --out models/tiny.gguf`."));
        }
        else if (GgufFile.Problem(pathValue.Scalar) is { } problem)
        {
            errors.Add(new SpecError(specFile, pathValue.Line, pathValue.Column, $"`model_path` of endpoint `{spec.Id}`: {problem}"));
        }
        else
        {
            path = pathValue.Scalar;
        }
        return errors.Count > 0 ? throw new SpecException(errors) : new LocalModelSettings(path!, contextSize, slots, threads, gpuLayers);
    }
}
