namespace Workbench.Evaluation.Statistics;

/// <summary>The alternative hypothesis of a test, and the side an interval bounds.</summary>
public enum Alternative
{
    /// <summary>The parameter differs from the null value in either direction.</summary>
    TwoSided,

    /// <summary>The parameter is below the null value (for two samples: the first is smaller); an interval bounds it from above.</summary>
    Less,

    /// <summary>The parameter is above the null value (for two samples: the first is larger); an interval bounds it from below.</summary>
    Greater,
}
