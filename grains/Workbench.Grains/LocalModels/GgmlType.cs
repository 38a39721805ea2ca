namespace Workbench.Grains.LocalModels;

/// <summary>The tensor element types a synthetic model is written in, with ggml's numbers for them.</summary>
public enum GgmlType : uint
{
    /// <summary>32-bit floats.</summary>
    F32 = 0,

    /// <summary>16-bit floats.</summary>
    F16 = 1,
}
