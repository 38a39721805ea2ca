using System.Globalization;
using System.Text.RegularExpressions;
using Workbench.Evaluation.Templates;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Workbench.Evaluation.Specs;

/// <summary>
/// Turns a YAML spec into an <see cref="EvalSpec"/>. Every problem is reported with file:line and
/// what to write instead; unknown keys are errors, so a typo never silently changes a run.
/// </summary>
public static partial class SpecParser
{
    private static readonly string[] EndpointTypes = ["openai", "llama", "echo", "replay", "simulated"];

    private static readonly Dictionary<string, string[]> EndpointOptions = new(StringComparer.Ordinal)
    {
        ["openai"] = ["base_url"],
        ["llama"] = ["model_path", "n_ctx", "slots", "threads", "n_gpu_layers"],
        ["echo"] = [],
        ["replay"] = ["file", "id_field"],
        ["simulated"] = ["latency", "latency_jitter", "error_429", "error_500", "error_timeout", "retry_after", "server_rpm", "seed"],
    };

    /// <summary>Reads and parses the spec at <paramref name="path"/>; relative paths inside it resolve against its folder.</summary>
    /// <exception cref="SpecException">The spec has problems; each is listed with its place.</exception>
    public static EvalSpec ParseFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new SpecException(new SpecError(path, 0, 0, $"cannot read the spec: {exception.Message}"));
        }
        return Parse(text, path);
    }

    /// <summary>Parses spec text that came from <paramref name="path"/>.</summary>
    /// <exception cref="SpecException">The spec has problems; each is listed with its place.</exception>
    public static EvalSpec Parse(string text, string path) => Parse(text, path, null);

    /// <summary>
    /// Parses spec text; <paramref name="registry"/> gives the messages of the registry prompts it names
    /// (<c>prompt: NAME@label</c>). Without one, such prompts are read with no messages and their
    /// <see cref="PromptSpec.Reference"/> set, for the runner to resolve.
    /// </summary>
    public static EvalSpec Parse(string text, string path, IReadOnlyDictionary<string, IReadOnlyList<PromptMessage>>? registry)
    {
        var reader = new SpecReader(path);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException exception)
        {
            throw new SpecException(new SpecError(path, (int)exception.Start.Line, (int)exception.Start.Column,
                $"this is not valid YAML: {exception.InnerException?.Message ?? exception.Message}"));
        }
        if (stream.Documents.Count == 0)
        {
            throw new SpecException(new SpecError(path, 0, 0, "the spec is empty; start from one of the examples/ specs."));
        }

        var root = reader.Mapping(stream.Documents[0].RootNode, "the spec");
        if (root is null)
        {
            throw new SpecException(reader.Errors);
        }

        var name = root.String("name", required: true, example: "squad-qa") ?? "";
        var dataset = ParseDataset(reader, root, folder);
        var prompts = ParsePrompts(reader, root, folder, registry);
        var allEndpoints = ParseEndpoints(reader, root, folder);
        var repeats = (int)(root.Integer("repeats", 1, "3") ?? 1);
        var scorers = ParseScorers(reader, root, allEndpoints);
        var budget = ParseBudget(reader, root);
        var stop = ParseStop(reader, root, scorers, prompts.Count * allEndpoints.Count(e => !e.IsJudge));
        var retrieval = ParseRetrieval(reader, root);
        if (retrieval is null && scorers.FirstOrDefault(s => s.Metric is "context_recall" or "context_precision" or "faithfulness" or "context_relevance") is { } contextual)
        {
            reader.Error(root["scorers"], $"scorer `{contextual.Id}` scores the documents a cell was given, and the spec has no `retrieval`; add one, for example `retrieval: {{index: docs, query: \"{{{{question}}}}\", k: 5}}`.");
        }
        var minPassRate = root.Double("min_pass_rate", "0.9");
        if (minPassRate is < 0 or > 1)
        {
            reader.Error(root["min_pass_rate"], $"`min_pass_rate` is a share of cells, from 0 to 1, for example `min_pass_rate: 0.9`; found {minPassRate}.");
        }
        root.String("description");
        var experiment = root.String("experiment", example: "qa-prompts");
        if (experiment is not null && !PromptReference.IsName(experiment))
        {
            reader.Error(root["experiment"], $"`experiment` names an experiment: letters, digits, '-', '_' or '.', for example `experiment: qa-prompts`; found `{experiment}`.");
        }
        root.RejectUnknownKeys();

        if (reader.Errors.Count > 0)
        {
            throw new SpecException(reader.Errors);
        }
        var variants = allEndpoints.Where(e => !e.IsJudge).Select(e => e.Spec).ToList();
        if (variants.Count == 0)
        {
            throw new SpecException(new SpecError(path, (int)root.Node.Start.Line, 0, "every endpoint has `role: judge`; list at least one endpoint to evaluate."));
        }
        return new EvalSpec(name, path, dataset!, prompts, variants, repeats, scorers, budget, [.. allEndpoints.Where(e => e.IsJudge).Select(e => e.Spec)], minPassRate)
        {
            Stop = stop,
            Experiment = experiment,
            Retrieval = retrieval,
        };
    }

    private static DatasetSpec? ParseDataset(SpecReader reader, SpecReader.Map root, string folder)
    {
        var node = root["dataset"];
        if (node is null)
        {
            reader.Error(root.Node, "the spec needs `dataset`, for example `dataset: data/questions.jsonl`.");
            return null;
        }
        string? file;
        string? format = null;
        var idField = "id";
        long? limit = null;
        if (node is YamlScalarNode scalar)
        {
            file = scalar.Value;
        }
        else
        {
            var map = reader.Mapping(node, "`dataset`");
            if (map is null)
            {
                return null;
            }
            file = map.String("path", required: true, example: "data/questions.jsonl");
            format = map.String("format", example: "jsonl");
            idField = map.String("id_field", example: "id") ?? "id";
            limit = map.Integer("limit", 1, "100");
            map.RejectUnknownKeys();
        }
        if (string.IsNullOrWhiteSpace(file))
        {
            reader.Error(node, "`dataset` needs a file path, for example `dataset: data/questions.jsonl`.");
            return null;
        }
        format ??= Path.GetExtension(file).ToLowerInvariant() switch
        {
            ".csv" => "csv",
            ".jsonl" or ".ndjson" => "jsonl",
            _ => null,
        };
        DatasetFormat parsed;
        switch (format)
        {
            case "jsonl":
                parsed = DatasetFormat.Jsonl;
                break;
            case "csv":
                parsed = DatasetFormat.Csv;
                break;
            default:
                reader.Error(node, $"cannot tell the format of `{file}`: name it .jsonl or .csv, or add `format: jsonl` or `format: csv`.");
                return null;
        }
        return new DatasetSpec(Path.GetFullPath(Path.Combine(folder, file)), file, parsed, idField, limit);
    }

    private static List<PromptSpec> ParsePrompts(SpecReader reader, SpecReader.Map root, string folder, IReadOnlyDictionary<string, IReadOnlyList<PromptMessage>>? registry)
    {
        var prompts = new List<PromptSpec>();
        if (root["prompts"] is not YamlSequenceNode sequence || sequence.Children.Count == 0)
        {
            reader.Error(root["prompts"] ?? root.Node, "the spec needs `prompts`: a list of prompts, for example\n  prompts:\n    - id: v1\n      template: \"Answer briefly: {{question}}\"");
            return prompts;
        }
        foreach (var item in sequence.Children)
        {
            var map = reader.Mapping(item, "a prompt");
            if (map is null)
            {
                continue;
            }
            var id = map.String("id", required: true, example: "v1");
            var messages = new List<PromptMessage>();
            if (map.String("system") is { } system)
            {
                messages.Add(new PromptMessage("system", system));
            }
            var template = map.String("template");
            var file = map.String("file");
            var messageList = map["messages"];
            var registered = map.String("prompt", example: "qa@production");
            var sources = (template is null ? 0 : 1) + (file is null ? 0 : 1) + (messageList is null ? 0 : 1) + (registered is null ? 0 : 1);
            if (sources != 1)
            {
                reader.Error(item, $"prompt `{id}` needs exactly one of `template` (inline text), `file` (a template file), `messages` (a list of role/content pairs) or `prompt` (a registry prompt, `NAME@label` or `NAME@v3`).");
            }
            PromptReference? reference = null;
            if (registered is not null)
            {
                reference = PromptReference.Parse(registered);
                if (reference is null)
                {
                    reader.Error(map["prompt"], $"`prompt` names a registry prompt as NAME@label, NAME@v3 or NAME; found `{registered}`.");
                }
                else if (messages.Count > 0)
                {
                    reader.Error(map["system"], $"prompt `{id}` comes from the registry (`{registered}`); put its system message in the registry version, not beside it.");
                }
                else if (registry is not null)
                {
                    if (registry.TryGetValue(reference.ToString(), out var resolved))
                    {
                        messages.AddRange(resolved);
                    }
                    else
                    {
                        reader.Error(map["prompt"], $"`{registered}` is not in the prompt registry. Push it with `workbench prompt push {reference.Name} FILE`, or see what there is with `workbench prompt list`.");
                    }
                }
            }
            if (template is not null)
            {
                messages.Add(new PromptMessage("user", template));
            }
            if (file is not null && ReadFile(reader, map["file"]!, folder, file) is { } fromFile)
            {
                messages.Add(new PromptMessage("user", fromFile));
            }
            if (messageList is YamlSequenceNode list)
            {
                foreach (var messageNode in list.Children)
                {
                    var message = reader.Mapping(messageNode, "a prompt message");
                    if (message is null)
                    {
                        continue;
                    }
                    var role = message.String("role", required: true, example: "user");
                    var content = message.String("content");
                    var contentFile = message.String("file");
                    if ((content is null) == (contentFile is null))
                    {
                        reader.Error(messageNode, "a prompt message needs exactly one of `content` (inline text) or `file` (a template file).");
                    }
                    if (role is not null and not ("system" or "user" or "assistant"))
                    {
                        reader.Error(message["role"], $"`role` must be system, user or assistant; found `{role}`.");
                    }
                    var body = content ?? (contentFile is null ? null : ReadFile(reader, message["file"]!, folder, contentFile));
                    if (role is not null && body is not null)
                    {
                        messages.Add(new PromptMessage(role, body));
                    }
                    message.RejectUnknownKeys();
                }
            }
            else if (messageList is not null)
            {
                reader.Error(messageList, "`messages` must be a list, for example\n  messages:\n    - role: system\n      content: You answer briefly.\n    - role: user\n      content: \"{{question}}\"");
            }
            map.RejectUnknownKeys();

            foreach (var message in messages)
            {
                if (PromptTemplate.Validate(message.Template) is { } problem)
                {
                    reader.Error(item, $"prompt `{id}`: the {message.Role} template does not compile: {problem}");
                }
            }
            if (id is null)
            {
                continue;
            }
            if (prompts.Any(p => p.Id == id))
            {
                reader.Error(map["id"], $"prompt id `{id}` is used twice; give each prompt its own id.");
                continue;
            }
            prompts.Add(new PromptSpec(id, messages, PromptSpec.HashOf(messages), (int)item.Start.Line) { Reference = reference });
        }
        return prompts;
    }

    private static List<(EndpointSpec Spec, bool IsJudge)> ParseEndpoints(SpecReader reader, SpecReader.Map root, string folder)
    {
        var endpoints = new List<(EndpointSpec, bool)>();
        if (root["endpoints"] is not YamlSequenceNode sequence || sequence.Children.Count == 0)
        {
            reader.Error(root["endpoints"] ?? root.Node, "the spec needs `endpoints`: a list of model endpoints, for example\n  endpoints:\n    - id: echo\n      type: echo");
            return endpoints;
        }
        foreach (var item in sequence.Children)
        {
            var map = reader.Mapping(item, "an endpoint");
            if (map is null)
            {
                continue;
            }
            var id = map.String("id", required: true, example: "gpt-4o-mini");
            var type = map.String("type", required: true, example: "openai");
            if (type is not null && !EndpointTypes.Contains(type))
            {
                reader.Error(map["type"], $"unknown endpoint type `{type}`; use one of {string.Join(", ", EndpointTypes)}.");
            }
            var model = map.String("model", example: "gpt-4o-mini");
            var parameters = new Dictionary<string, SpecValue>(StringComparer.Ordinal);
            if (map["params"] is { } paramsNode)
            {
                if (reader.Mapping(paramsNode, "`params`") is { } paramsMap)
                {
                    foreach (var (key, value) in paramsMap.Entries())
                    {
                        parameters[key] = SpecReader.ValueOf(value);
                    }
                }
            }
            // A local model decodes `slots` requests at once; more calls in flight would only wait inside it.
            var maxConcurrency = (int)(map.Integer("max_concurrency", 1, "16")
                ?? (type == "llama" && map["slots"] is YamlScalarNode { Value: { } slotsText } && int.TryParse(slotsText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var slots) && slots > 0 ? slots
                    : type == "llama" ? 8 : 16));
            var rpm = (int?)map.Integer("rpm", 1, "600");
            var tpm = (int?)map.Integer("tpm", 1, "100000");
            var scope = map.String("limit_scope", example: "cluster");
            if (scope is not null and not ("cluster" or "silo"))
            {
                reader.Error(map["limit_scope"], $"`limit_scope` is `cluster` (the limits hold for all silos together, the default) or `silo` (each silo holds them whole, for a server beside every silo); found `{scope}`.");
            }
            var timeout = map.Duration("timeout", "30s") ?? TimeSpan.FromSeconds(60);
            if (timeout <= TimeSpan.Zero)
            {
                reader.Error(map["timeout"], "`timeout` must be longer than 0, for example `timeout: 30s`.");
            }
            var retries = (int)(map.Integer("retries", 0, "3") ?? 3);
            Price? price = null;
            if (map["price"] is { } priceNode && reader.Mapping(priceNode, "`price`") is { } priceMap)
            {
                var input = priceMap.Decimal("input", "0.15");
                var output = priceMap.Decimal("output", "0.60");
                if (input is null && output is null)
                {
                    reader.Error(priceNode, "`price` needs `input` and `output`, the price per 1,000 tokens, for example `price: {input: 0.15, output: 0.60}`.");
                }
                priceMap.RejectUnknownKeys();
                price = new Price(input ?? 0, output ?? 0);
            }
            var apiKeyEnv = map.String("api_key_env", example: "OPENAI_API_KEY");
            if (apiKeyEnv is not null && (!EnvironmentVariableName().IsMatch(apiKeyEnv) || LooksLikeAKey(apiKeyEnv)))
            {
                reader.Error(map["api_key_env"], "`api_key_env` names the environment variable that holds the key, for example `api_key_env: OPENAI_API_KEY`. Never write the key itself in a spec.");
                apiKeyEnv = null;
            }
            var role = map.String("role", example: "judge");
            if (role is not null and not ("judge" or "variant"))
            {
                reader.Error(map["role"], $"`role` is `variant` (evaluated, the default) or `judge` (used only by judge scorers); found `{role}`.");
            }

            var options = new Dictionary<string, SpecValue>(StringComparer.Ordinal);
            foreach (var option in type is not null && EndpointOptions.TryGetValue(type, out var known) ? known : [])
            {
                if (map[option] is { } value)
                {
                    options[option] = SpecReader.ValueOf(value);
                }
            }
            if (type == "replay")
            {
                if (!options.TryGetValue("file", out var file) || string.IsNullOrWhiteSpace(file.Scalar))
                {
                    reader.Error(item, $"replay endpoint `{id}` needs `file`: a JSONL file of {{\"id\": ROW_ID, \"prompt\": PROMPT_ID, \"output\": TEXT}} lines.");
                }
                else
                {
                    options["file"] = file with { Scalar = Path.GetFullPath(Path.Combine(folder, file.Scalar)) };
                }
            }
            if (type == "llama" && options.TryGetValue("model_path", out var modelPath) && !string.IsNullOrWhiteSpace(modelPath.Scalar))
            {
                options["model_path"] = modelPath with { Scalar = Path.GetFullPath(Path.Combine(folder, modelPath.Scalar)) };
            }
            if (map.Has("api_key"))
            {
                reader.Error(map.Node.Children.Keys.First(k => k is YamlScalarNode { Value: "api_key" }),
                    "an API key must not be written in a spec: put it in an environment variable and name it with `api_key_env: OPENAI_API_KEY`.");
                map["api_key"]?.ToString();
            }
            map.RejectUnknownKeys();
            if (id is null || type is null)
            {
                continue;
            }
            if (endpoints.Any(e => e.Item1.Id == id))
            {
                reader.Error(map["id"], $"endpoint id `{id}` is used twice; give each endpoint its own id.");
                continue;
            }
            endpoints.Add((new EndpointSpec(id, type, model, parameters, options, maxConcurrency, rpm, tpm, timeout, retries, price, apiKeyEnv, (int)item.Start.Line,
                // A local model runs beside every silo, so by default each silo holds its limits whole.
                scope == "silo" || (scope is null && type == "llama") ? LimitScope.Silo : LimitScope.Cluster), role == "judge"));
        }
        return endpoints;
    }

    private static string? ReadFile(SpecReader reader, YamlNode at, string folder, string file)
    {
        try
        {
            return File.ReadAllText(Path.Combine(folder, file));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            reader.Error(at, $"cannot read `{file}` (relative paths start at the spec's folder, {folder}): {exception.Message}");
            return null;
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvironmentVariableName();

    /// <summary>Variable names are short words; a long run of mixed-case letters and digits is a key pasted in the wrong place.</summary>
    private static bool LooksLikeAKey(string text) =>
        text.Length >= 20 && text.Any(char.IsLower) && text.Any(char.IsUpper) && text.Any(char.IsDigit);
}
