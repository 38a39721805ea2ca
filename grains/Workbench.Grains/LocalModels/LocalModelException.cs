namespace Workbench.Grains.LocalModels;

/// <summary>A local model cannot serve a request: it failed to load, or the request cannot fit. The message says what to do.</summary>
[GenerateSerializer]
public sealed class LocalModelException : Exception
{
    /// <summary>Creates the exception with the message users see.</summary>
    public LocalModelException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the message users see and its cause.</summary>
    public LocalModelException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>For serializers.</summary>
    public LocalModelException()
    {
    }
}
