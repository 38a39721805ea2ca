namespace Workbench.Evaluation.Specs;

/// <summary>A prompt in the registry as a spec names it: <c>NAME@label</c>, <c>NAME@v3</c>, <c>NAME@HASH</c>, or <c>NAME</c> for the latest.</summary>
/// <param name="Name">The prompt's name in the registry.</param>
/// <param name="Selector">The label, <c>vN</c> or hash; empty for the latest version.</param>
public sealed record PromptReference(string Name, string Selector)
{
    /// <summary>Reads <c>NAME[@SELECTOR]</c>; null when the text is not of that shape.</summary>
    public static PromptReference? Parse(string text)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        var name = at < 0 ? text : text[..at];
        var selector = at < 0 ? "" : text[(at + 1)..];
        return name.Length == 0 || (at >= 0 && selector.Length == 0) || name.Any(char.IsWhiteSpace) || selector.Contains('@', StringComparison.Ordinal)
            ? null
            : new PromptReference(name, selector);
    }

    /// <inheritdoc />
    public override string ToString() => Selector.Length == 0 ? Name : $"{Name}@{Selector}";
}
