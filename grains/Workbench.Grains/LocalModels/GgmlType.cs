namespace Workbench.Grains.LocalModels;

/// <summary>The tensor element types a synthetic model is written in, with ggml's numbers for them.</summary>
public enum GgmlType : uint
{
    /// <summary>32-bit floats.</summary>
    F32 = 0,

    /// <summary>16-bit floats.</summary>
    F16 = 1,

    /// <summary>8-bit integers in blocks of 32 with a 16-bit scale each: llama.cpp's Q8_0.</summary>
    Q8Blocks = 8,
}
