using Workbench.Evaluation.Templates;
using Workbench.Grains.Prompts;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Workbench.Cli.Prompts;

/// <summary>
/// Reads a prompt version from a file: a template as plain text (one user message), or YAML with
/// <c>system</c> and <c>template</c>, or <c>messages</c> (a list of role/content pairs), as in a spec.
/// </summary>
internal static class PromptFile
{
    public static IReadOnlyList<PromptText> Read(FileInfo file)
    {
        if (!file.Exists)
        {
            throw new PromptFileException($"{file.FullName}: no such file. Give a template file (plain text), or YAML with `template:` or `messages:`.");
        }
        var text = File.ReadAllText(file.FullName);
        var messages = file.Extension is ".yaml" or ".yml" ? FromYaml(file, text) : [new PromptText("user", text)];
        if (messages.Count == 0 || messages.All(m => string.IsNullOrWhiteSpace(m.Template)))
        {
            throw new PromptFileException($"{file.Name}: the prompt is empty.");
        }
        foreach (var message in messages)
        {
            if (PromptTemplate.Validate(message.Template) is { } problem)
            {
                throw new PromptFileException($"{file.Name}: the {message.Role} template does not compile: {problem}");
            }
        }
        return messages;
    }

    private static List<PromptText> FromYaml(FileInfo file, string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException exception)
        {
            throw new PromptFileException($"{file.Name}:{exception.Start.Line}: not valid YAML: {exception.Message}");
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new PromptFileException($"{file.Name}: expected a mapping with `template:` (and `system:`), or `messages:`.");
        }
        var messages = new List<PromptText>();
        foreach (var (keyNode, value) in root.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value;
            switch (key)
            {
                case "system" when value is YamlScalarNode { Value: { } system }:
                    messages.Insert(0, new PromptText("system", system));
                    break;
                case "template" when value is YamlScalarNode { Value: { } template }:
                    messages.Add(new PromptText("user", template));
                    break;
                case "messages" when value is YamlSequenceNode list:
                    foreach (var item in list.Children)
                    {
                        if (item is not YamlMappingNode message
                            || !message.Children.TryGetValue(new YamlScalarNode("role"), out var role) || role is not YamlScalarNode { Value: "system" or "user" or "assistant" }
                            || !message.Children.TryGetValue(new YamlScalarNode("content"), out var content) || content is not YamlScalarNode { Value: { } body })
                        {
                            throw new PromptFileException($"{file.Name}:{item.Start.Line}: a message needs `role` (system, user or assistant) and `content`.");
                        }
                        messages.Add(new PromptText(((YamlScalarNode)role).Value!, body));
                    }
                    break;
                default:
                    throw new PromptFileException($"{file.Name}:{keyNode.Start.Line}: unknown key `{key}`; a prompt file has `system` and `template`, or `messages`.");
            }
        }
        return messages;
    }
}

/// <summary>A prompt file that cannot be used; the message says where and why.</summary>
internal sealed class PromptFileException(string message) : ArgumentException(message);
