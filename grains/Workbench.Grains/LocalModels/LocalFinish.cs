namespace Workbench.Grains.LocalModels;

/// <summary>Why a local model stopped generating.</summary>
public enum LocalFinish
{
    /// <summary>The model ended its turn, or a stop text appeared.</summary>
    Stop,

    /// <summary><c>max_tokens</c> were generated.</summary>
    Length,
}
