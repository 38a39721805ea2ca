namespace Workbench.Evaluation.Statistics;

/// <summary>A method for a confidence interval of a binomial proportion.</summary>
public enum ProportionMethod
{
    /// <summary>The Wilson score interval.</summary>
    Wilson,

    /// <summary>The Wilson score interval with continuity correction.</summary>
    WilsonContinuityCorrected,

    /// <summary>The Clopper-Pearson interval from beta quantiles.</summary>
    ClopperPearson,

    /// <summary>The Agresti-Coull interval: Wald's around the adjusted proportion, clipped to [0, 1].</summary>
    AgrestiCoull,

    /// <summary>The Wald (normal approximation) interval, clipped to [0, 1].</summary>
    Wald,
}
