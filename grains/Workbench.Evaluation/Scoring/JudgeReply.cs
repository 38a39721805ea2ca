using System.Text.RegularExpressions;

namespace Workbench.Evaluation.Scoring;

/// <summary>What every judge scorer reads from a judge's reply the same way.</summary>
internal static partial class JudgeReply
{
    /// <summary>The start of a reply, for an error that quotes it.</summary>
    public static string Excerpt(string reply) => reply.Length <= 160 ? reply.Trim() : reply[..160].Trim() + "…";

    /// <summary>The text after <c>RATIONALE:</c>, or null when the reply has no such line.</summary>
    public static string? Rationale(string reply) => RationaleLine().Match(reply) is { Success: true } match ? match.Groups["r"].Value.Trim() : null;

    [GeneratedRegex(@"rationale\s*[:=]\s*(?<r>.+)", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex RationaleLine();
}
