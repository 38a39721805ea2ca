namespace Workbench.Grains.LocalModels;

/// <summary>A tensor of a GGUF file: its name, its shape (innermost dimension first, as ggml orders it), its type, and what writes its data.</summary>
/// <param name="Name">The name llama.cpp looks it up by, such as <c>blk.0.attn_q.weight</c>.</param>
/// <param name="Shape">The dimensions, innermost first.</param>
/// <param name="Type">The element type.</param>
/// <param name="Write">Writes exactly <see cref="ByteCount"/> bytes of data.</param>
public sealed record GgufTensor(string Name, IReadOnlyList<long> Shape, GgmlType Type, Action<BinaryWriter> Write)
{
    /// <summary>The number of elements.</summary>
    public long ElementCount => Shape.Aggregate(1L, (product, dimension) => product * dimension);

    /// <summary>Values in one Q8_0 block.</summary>
    public const int Q8BlockLength = 32;

    /// <summary>Bytes of one Q8_0 block: a 16-bit scale and 32 signed bytes.</summary>
    public const int Q8BlockBytes = 34;

    /// <summary>The size of the data in bytes.</summary>
    public long ByteCount => Type switch
    {
        GgmlType.F16 => ElementCount * 2,
        GgmlType.Q8Blocks => ElementCount / Q8BlockLength * Q8BlockBytes,
        _ => ElementCount * 4,
    };
}
