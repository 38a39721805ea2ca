using Workbench.Grains.LocalModels;

namespace Workbench.Grains.Tests.LocalModels;

/// <summary>A tiny synthetic model written once for the tests of a class, and deleted afterwards.</summary>
public sealed class TinyModelFixture : IDisposable
{
    private readonly TempFolder _folder = new("workbench-model-");

    /// <summary>Writes the model.</summary>
    public TinyModelFixture()
    {
        Path = _folder.PathOf("tiny.gguf");
        SyntheticModel.Write(SyntheticModelShape.Tiny, 7, Path);
    }

    /// <summary>The model file.</summary>
    public string Path { get; }

    /// <summary>Settings serving the model with <paramref name="slots"/> slots.</summary>
    public LocalModelSettings Settings(int slots, int contextSize = 4096) => new(Path, contextSize, slots, 2, 0);

    /// <inheritdoc />
    public void Dispose() => _folder.Dispose();
}
