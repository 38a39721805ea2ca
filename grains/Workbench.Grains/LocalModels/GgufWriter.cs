using System.Text;

namespace Workbench.Grains.LocalModels;

/// <summary>
/// Writes a GGUF file (version 3), the format llama.cpp loads: a header, typed metadata, the tensors'
/// descriptions, then their data, each tensor aligned to <see cref="Alignment"/> bytes. Tensors are
/// produced by callbacks as the file is written, so a model of hundreds of megabytes never sits in memory.
/// </summary>
public sealed class GgufWriter
{
    /// <summary>Where every tensor's data starts: a multiple of this many bytes.</summary>
    public const int Alignment = 32;

    private readonly List<(string Key, Action<BinaryWriter> Write)> _metadata = [];
    private readonly List<GgufTensor> _tensors = [];

    /// <summary>Adds a string.</summary>
    public GgufWriter Add(string key, string value) => Add(key, w => { w.Write((uint)GgufValueType.String); WriteString(w, value); });

    /// <summary>Adds an unsigned 32-bit integer.</summary>
    public GgufWriter Add(string key, uint value) => Add(key, w => { w.Write((uint)GgufValueType.UInt32); w.Write(value); });

    /// <summary>Adds a 32-bit float.</summary>
    public GgufWriter Add(string key, float value) => Add(key, w => { w.Write((uint)GgufValueType.Float32); w.Write(value); });

    /// <summary>Adds a boolean.</summary>
    public GgufWriter Add(string key, bool value) => Add(key, w => { w.Write((uint)GgufValueType.Bool); w.Write(value); });

    /// <summary>Adds an array of strings.</summary>
    public GgufWriter Add(string key, IReadOnlyList<string> values) => Add(key, w =>
    {
        WriteArrayHeader(w, GgufValueType.String, values.Count);
        foreach (var value in values)
        {
            WriteString(w, value);
        }
    });

    /// <summary>Adds an array of 32-bit floats.</summary>
    public GgufWriter Add(string key, IReadOnlyList<float> values) => Add(key, w =>
    {
        WriteArrayHeader(w, GgufValueType.Float32, values.Count);
        foreach (var value in values)
        {
            w.Write(value);
        }
    });

    /// <summary>Adds an array of signed 32-bit integers.</summary>
    public GgufWriter Add(string key, IReadOnlyList<int> values) => Add(key, w =>
    {
        WriteArrayHeader(w, GgufValueType.Int32, values.Count);
        foreach (var value in values)
        {
            w.Write(value);
        }
    });

    /// <summary>Adds a tensor whose data <paramref name="tensor"/> writes when the file is written.</summary>
    public GgufWriter Add(GgufTensor tensor)
    {
        _tensors.Add(tensor);
        return this;
    }

    /// <summary>Writes the file: metadata in the order added, then the tensors in the order added.</summary>
    public void WriteTo(Stream stream)
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write("GGUF"u8);
        writer.Write(3u);
        writer.Write((ulong)_tensors.Count);
        writer.Write((ulong)_metadata.Count);
        foreach (var (key, write) in _metadata)
        {
            WriteString(writer, key);
            write(writer);
        }
        ulong offset = 0;
        foreach (var tensor in _tensors)
        {
            WriteString(writer, tensor.Name);
            writer.Write((uint)tensor.Shape.Count);
            foreach (var dimension in tensor.Shape)
            {
                writer.Write((ulong)dimension);
            }
            writer.Write((uint)tensor.Type);
            writer.Write(offset);
            offset += Aligned((ulong)tensor.ByteCount);
        }
        Pad(writer);
        foreach (var tensor in _tensors)
        {
            var start = writer.BaseStream.Position;
            tensor.Write(writer);
            var written = writer.BaseStream.Position - start;
            if (written != tensor.ByteCount)
            {
                throw new InvalidOperationException($"tensor {tensor.Name} wrote {written} bytes; its shape and type need {tensor.ByteCount}.");
            }
            Pad(writer);
        }
    }

    private GgufWriter Add(string key, Action<BinaryWriter> write)
    {
        _metadata.Add((key, write));
        return this;
    }

    private static void WriteArrayHeader(BinaryWriter writer, GgufValueType type, int count)
    {
        writer.Write((uint)GgufValueType.Array);
        writer.Write((uint)type);
        writer.Write((ulong)count);
    }

    private static void WriteString(BinaryWriter writer, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        writer.Write((ulong)bytes.Length);
        writer.Write(bytes);
    }

    private static ulong Aligned(ulong length) => (length + Alignment - 1) / Alignment * Alignment;

    private static void Pad(BinaryWriter writer)
    {
        var position = (ulong)writer.BaseStream.Position;
        for (var i = position; i < Aligned(position); i++)
        {
            writer.Write((byte)0);
        }
    }
}
