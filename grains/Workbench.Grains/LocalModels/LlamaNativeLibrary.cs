using LLama.Native;
using Microsoft.Extensions.Logging;

namespace Workbench.Grains.LocalModels;

/// <summary>
/// Configures llama.cpp's native library once per process, before the first model loads: llama.cpp's
/// own log goes to the host's logger (warnings and errors only), and a CUDA or other build of
/// llama.cpp is used instead of the CPU build that ships in the LLamaSharp.Backend.Cpu package when
/// <c>WORKBENCH_LLAMA_LIBRARY</c> names its <c>libllama</c>.
/// </summary>
public static partial class LlamaNativeLibrary
{
    /// <summary>The environment variable naming a llama.cpp library to load instead of the packaged CPU build.</summary>
    public const string LibraryVariable = "WORKBENCH_LLAMA_LIBRARY";

    private static readonly Lock Gate = new();
    private static ILogger? _logger;
    private static bool _configured;

    /// <summary>Configures the library on first call; later calls only replace the logger.</summary>
    /// <exception cref="LocalModelException">The configured library does not exist.</exception>
    public static void Configure(ILogger logger)
    {
        lock (Gate)
        {
            _logger = logger;
            if (_configured)
            {
                return;
            }
            if (Environment.GetEnvironmentVariable(LibraryVariable) is { Length: > 0 } library)
            {
                if (!File.Exists(library))
                {
                    throw new LocalModelException($"{LibraryVariable} names {library}, which does not exist. Set it to the libllama.so of a llama.cpp build (for example a CUDA build), or unset it to use the CPU build that ships with Workbench.");
                }
                NativeLibraryConfig.LLama.WithLibrary(library);
            }
            NativeLibraryConfig.All.WithLogCallback(Forward);
            _configured = true;
        }
    }

    /// <summary>A message for a native library that would not load, with what to do.</summary>
    public static string LoadFailure(Exception exception) =>
        Environment.GetEnvironmentVariable(LibraryVariable) is { Length: > 0 } library
            ? $"the llama.cpp library {library} (from {LibraryVariable}) could not be loaded: {exception.Message}. Check that it was built for this machine (and that its CUDA runtime is installed), or unset {LibraryVariable} to use the CPU build."
            : $"llama.cpp's native library could not be loaded: {exception.Message}. It ships in the LLamaSharp.Backend.Cpu package under runtimes/; rebuild Workbench (dotnet build) so that restore copies it next to the program.";

    private static void Forward(LLamaLogLevel level, string message)
    {
        var logger = _logger;
        if (logger is null)
        {
            return;
        }
        switch (level)
        {
            case LLamaLogLevel.Error:
                LogNativeError(logger, message.TrimEnd());
                break;
            case LLamaLogLevel.Warning:
                LogNativeWarning(logger, message.TrimEnd());
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "llama.cpp: {Message}")]
    private static partial void LogNativeError(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "llama.cpp: {Message}")]
    private static partial void LogNativeWarning(ILogger logger, string message);
}
