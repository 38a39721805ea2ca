using System.Buffers.Binary;
using System.Globalization;

namespace Workbench.Grains.LocalModels;

/// <summary>Checks that a file can be a GGUF model before anything tries to load it, so a wrong path is a clear error at start-up rather than a failed call.</summary>
public static class GgufFile
{
    private const string Fix = "Point `model_path` at a GGUF model (llama.cpp's format), or write a test model with `workbench model synth --shape tiny --out FILE`.";

    /// <summary>What is wrong with <paramref name="path"/> as a model file, or null when it starts like a GGUF file.</summary>
    public static string? Problem(string path)
    {
        if (Directory.Exists(path))
        {
            return $"{path} is a folder, not a model file. {Fix}";
        }
        if (!File.Exists(path))
        {
            return $"{path} does not exist. {Fix}";
        }
        Span<byte> header = stackalloc byte[8];
        try
        {
            using var stream = File.OpenRead(path);
            if (stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length)
            {
                return $"{path} is too short to be a model ({stream.Length} bytes). {Fix}";
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return $"{path} cannot be read: {exception.Message}";
        }
        if (!header[..4].SequenceEqual("GGUF"u8))
        {
            return $"{path} is not a GGUF file (it does not start with `GGUF`). {Fix}";
        }
        var version = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
        return version is 2 or 3 ? null
            : string.Create(CultureInfo.InvariantCulture, $"{path} is GGUF version {version}; llama.cpp reads versions 2 and 3. Convert the model again with a current llama.cpp.");
    }
}
