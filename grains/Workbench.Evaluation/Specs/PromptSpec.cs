using System.Security.Cryptography;
using System.Text;

namespace Workbench.Evaluation.Specs;

/// <summary>A prompt version: its id, its messages, and a hash of them so results name the exact text used.</summary>
/// <param name="Id">The id given in the spec.</param>
/// <param name="Messages">The templated messages, in order; empty while a registry reference is unresolved.</param>
/// <param name="VersionHash">First 12 hex digits of the SHA-256 of the roles and templates.</param>
/// <param name="Line">Where the prompt is defined.</param>
public sealed record PromptSpec(string Id, IReadOnlyList<PromptMessage> Messages, string VersionHash, int Line)
{
    /// <summary>The registry reference (<c>NAME@label</c>, <c>NAME@v3</c>) the prompt comes from, or null for inline text.</summary>
    public PromptReference? Reference { get; init; }

    /// <summary>The content hash of <paramref name="messages"/>: first 12 hex digits of the SHA-256 of the roles and templates.</summary>
    public static string HashOf(IEnumerable<PromptMessage> messages)
    {
        var text = string.Join("\u0000", messages.Select(m => m.Role + "\u0001" + m.Template));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12];
    }
}
