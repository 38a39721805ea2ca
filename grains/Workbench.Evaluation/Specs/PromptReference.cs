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
        return !IsName(name) || (at >= 0 && selector.Length == 0) || selector.Any(c => char.IsWhiteSpace(c) || c == '@')
            ? null
            : new PromptReference(name, selector);
    }

    /// <summary>Whether <paramref name="name"/> can name a prompt or an experiment: letters, digits, '-', '_' and '.', starting with a letter or digit.</summary>
    public static bool IsName(string name) =>
        name.Length > 0 && char.IsAsciiLetterOrDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <inheritdoc />
    public override string ToString() => Selector.Length == 0 ? Name : $"{Name}@{Selector}";
}
