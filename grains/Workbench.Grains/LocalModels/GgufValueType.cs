namespace Workbench.Grains.LocalModels;

/// <summary>The types of GGUF metadata values, with the numbers the format gives them.</summary>
public enum GgufValueType : uint
{
    /// <summary>An unsigned 32-bit integer.</summary>
    UInt32 = 4,

    /// <summary>A signed 32-bit integer.</summary>
    Int32 = 5,

    /// <summary>A 32-bit float.</summary>
    Float32 = 6,

    /// <summary>A boolean, one byte.</summary>
    Bool = 7,

    /// <summary>A UTF-8 string with a 64-bit length.</summary>
    String = 8,

    /// <summary>An array of one type, with a 64-bit count.</summary>
    Array = 9,
}
