namespace Workbench.Grains.Runs;

/// <summary>The statuses of a run, as stored and reported.</summary>
public static class RunStatus
{
    /// <summary>Recorded, not started.</summary>
    public const string Pending = "pending";

    /// <summary>Rows are being evaluated.</summary>
    public const string Running = "running";

    /// <summary>Every cell is written.</summary>
    public const string Completed = "completed";

    /// <summary>The spec's stop rule found every pair of variants different and stopped the run early; it is complete as an answer.</summary>
    public const string Decided = "decided";

    /// <summary>A budget cap stopped the run; resume with a larger budget to finish it.</summary>
    public const string BudgetExhausted = "budget_exhausted";

    /// <summary>Stopped by Ctrl-C or a stop request; resume to finish it.</summary>
    public const string Interrupted = "interrupted";

    /// <summary>Stopped by an error, such as an endpoint that keeps failing or a bad dataset row.</summary>
    public const string Failed = "failed";
}
