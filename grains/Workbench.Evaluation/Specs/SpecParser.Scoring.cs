using Workbench.Evaluation.Scoring;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Workbench.Evaluation.Specs;

/// <summary>The parts of a spec about judging its cells: scorers (also read alone, for re-scoring), the stop rule and the budget.</summary>
public static partial class SpecParser
{
    /// <summary>
    /// Reads scorers on their own, as a spec's <c>scorers</c> list: a document that is the list itself,
    /// or a mapping with a <c>scorers</c> key. Judge scorers are refused: they need a spec's endpoints.
    /// </summary>
    /// <exception cref="SpecException">The scorers have problems; each is listed with its place.</exception>
    public static IReadOnlyList<ScorerSpec> ParseScorerList(string text, string path)
    {
        var reader = new SpecReader(path);
        // A bare list is read under a `scorers:` line and indented two columns; places are given back in the user's text.
        var wrapped = text.TrimStart().StartsWith('[') || text.TrimStart().StartsWith('-');
        SpecError Place(SpecError error) => wrapped ? error with { Line = Math.Max(1, error.Line - 1), Column = Math.Max(1, error.Column - 2) } : error;
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(wrapped ? "scorers:\n" + Indent(text) : text));
        }
        catch (YamlException exception)
        {
            throw new SpecException(Place(new SpecError(path, (int)exception.Start.Line, (int)exception.Start.Column,
                $"this is not valid YAML: {exception.InnerException?.Message ?? exception.Message}")));
        }
        if (stream.Documents.Count == 0 || reader.Mapping(stream.Documents[0].RootNode, "the scorers") is not { } root || root["scorers"] is null)
        {
            throw new SpecException(new SpecError(path, 0, 0, "give the scorers as a spec does: a list such as `[f1: {reference_field: answers}]`, or a file with `scorers:`."));
        }
        if (root["scorers"] is YamlSequenceNode items && items.Children.FirstOrDefault(i =>
                i is YamlMappingNode m && m.Children.Keys.Any(k => k is YamlScalarNode { Value: "judge" or "faithfulness" or "context_relevance" }) || i is YamlScalarNode { Value: "judge" or "faithfulness" or "context_relevance" }) is { } judge)
        {
            throw new SpecException(Place(new SpecError(path, (int)judge.Start.Line, (int)judge.Start.Column,
                "`judge`, `faithfulness` and `context_relevance` call a model, and re-scoring calls none: leave them out, or run the spec again with the judge.")));
        }
        var scorers = ParseScorers(reader, root, []);
        if (reader.Errors.Count > 0)
        {
            throw new SpecException([.. reader.Errors.Select(Place)]);
        }
        return scorers;

        static string Indent(string list) => string.Join("\n", list.Split('\n').Select(line => "  " + line));
    }

    private static List<ScorerSpec> ParseScorers(SpecReader reader, SpecReader.Map root, List<(EndpointSpec Spec, bool IsJudge)> endpoints)
    {
        var scorers = new List<ScorerSpec>();
        var node = root["scorers"];
        if (node is null)
        {
            return scorers;
        }
        if (node is not YamlSequenceNode sequence)
        {
            reader.Error(node, "`scorers` must be a list whose items read `- NAME: {params}`, for example\n  scorers:\n    - exact_match: {reference_field: answers}");
            return scorers;
        }
        foreach (var item in sequence.Children)
        {
            string? metric;
            YamlNode? paramsNode = null;
            switch (item)
            {
                case YamlScalarNode scalar:
                    metric = scalar.Value;
                    break;
                case YamlMappingNode { Children.Count: 1 } single:
                    metric = (single.Children.Keys.First() as YamlScalarNode)?.Value;
                    paramsNode = single.Children.Values.First();
                    break;
                default:
                    reader.Error(item, "a scorer reads `- NAME: {params}`, for example `- bleu: {reference_field: answer, tokenize: 13a}`.");
                    continue;
            }
            if (metric is null || !MetricCatalog.Metrics.TryGetValue(metric, out var definition))
            {
                var suggestion = metric is null ? null : SpecReader.Suggest(metric, MetricCatalog.Metrics.Keys);
                reader.Error(item, $"unknown scorer `{metric}`. " + (suggestion is null
                    ? $"Scorers: {string.Join(", ", MetricCatalog.Metrics.Keys)}."
                    : $"Did you mean `{suggestion}`?"));
                continue;
            }

            var parameters = new Dictionary<string, SpecValue>(StringComparer.Ordinal);
            string? id = null;
            double? threshold = null;
            if (paramsNode is YamlMappingNode paramsMapping)
            {
                var map = new SpecReader.Map(reader, paramsMapping, $"scorer `{metric}`");
                id = map.String("id", example: metric + "_strict");
                threshold = map.Double("threshold", "0.5");
                foreach (var name in definition.Parameters)
                {
                    if (map[name] is { } value)
                    {
                        parameters[name] = SpecReader.ValueOf(value);
                    }
                }
                map.RejectUnknownKeys();
            }
            else if (paramsNode is not null and not YamlScalarNode { Value: "" or null or "~" })
            {
                reader.Error(paramsNode, $"the parameters of `{metric}` must be a mapping, for example `- {metric}: {{{string.Join(", ", definition.Parameters.Take(2).Select(p => p + ": ..."))}}}`.");
            }

            if (definition.NeedsReference && !parameters.ContainsKey("reference_field"))
            {
                reader.Error(item, $"`{metric}` needs `reference_field`: the dataset field holding the reference text or list of texts, for example `- {metric}: {{reference_field: answer}}`.");
            }
            if (metric is "judge" or "faithfulness" or "context_relevance")
            {
                var endpoint = parameters.GetValueOrDefault("endpoint")?.Scalar;
                if (endpoint is null)
                {
                    reader.Error(item, metric == "judge"
                        ? "`judge` needs `endpoint`: the id of the endpoint that judges, for example `- judge: {endpoint: grader, rubric: \"Is the answer correct?\"}`."
                        : $"`{metric}` needs `endpoint`: the id of the endpoint that judges, for example `- {metric}: {{endpoint: grader}}`.");
                }
                else if (endpoints.All(e => e.Spec.Id != endpoint))
                {
                    reader.Error(item, $"`{metric}` names endpoint `{endpoint}`, which the spec does not define; use one of {string.Join(", ", endpoints.Select(e => e.Spec.Id))}.");
                }
            }
            if (metric == "judge")
            {
                if (!parameters.ContainsKey("rubric"))
                {
                    reader.Error(item, "`judge` needs `rubric`: what the judge should check, for example `rubric: \"The answer states the same fact as the reference.\"`.");
                }
            }
            if (metric is "contains" or "icontains" && !parameters.ContainsKey("value") && !parameters.ContainsKey("reference_field"))
            {
                reader.Error(item, $"`{metric}` needs `value` (fixed text) or `reference_field` (a dataset field), for example `- {metric}: {{value: \"plus\"}}`.");
            }
            if (metric == "regex" && !parameters.ContainsKey("pattern"))
            {
                reader.Error(item, "`regex` needs `pattern`, for example `- regex: {pattern: \"^\\\\d+$\"}`.");
            }
            id ??= metric;
            if (scorers.Any(s => s.Id == id))
            {
                reader.Error(item, $"two scorers have the id `{id}`; give one an `id`, for example `- {metric}: {{id: {metric}_2, ...}}`.");
                continue;
            }
            scorers.Add(new ScorerSpec(id, metric, parameters, threshold, (int)item.Start.Line));
        }
        return scorers;
    }

    private static StopSpec? ParseStop(SpecReader reader, SpecReader.Map root, List<ScorerSpec> scorers, int variants)
    {
        if (root["stop"] is not { } node || reader.Mapping(node, "`stop`") is not { } map)
        {
            return null;
        }
        var when = map.String("when", required: true, example: "decided");
        if (when is not null and not "decided")
        {
            reader.Error(map["when"], $"`stop.when` is `decided` (stop once the variants' difference is known); found `{when}`.");
        }
        var alpha = map.Double("alpha", "0.05") ?? 0.05;
        if (alpha is <= 0 or >= 0.5)
        {
            reader.Error(map["alpha"], $"`stop.alpha` is the false-positive rate, above 0 and below 0.5, for example `alpha: 0.05`; found {alpha}.");
        }
        var score = map.String("score", example: scorers.Count > 0 ? scorers[0].Id : "f1");
        map.RejectUnknownKeys();
        if (scorers.Count == 0)
        {
            reader.Error(node, "`stop` decides on a score, and the spec has no `scorers`.");
            return null;
        }
        score ??= scorers[0].Id;
        if (scorers.All(s => s.Id != score))
        {
            reader.Error(map["score"], $"`stop.score` names scorer `{score}`, which the spec does not define; use one of {string.Join(", ", scorers.Select(s => s.Id))}.");
        }
        if (variants < 2)
        {
            reader.Error(node, "`stop: {when: decided}` compares variants, and this spec has one prompt × endpoint; add a prompt or an endpoint, or drop `stop`.");
        }
        return new StopSpec(alpha, score, (int)node.Start.Line);
    }

    private static RetrievalSpec? ParseRetrieval(SpecReader reader, SpecReader.Map root)
    {
        if (root["retrieval"] is not { } node || reader.Mapping(node, "`retrieval`") is not { } map)
        {
            return null;
        }
        var index = map.String("index", required: true, example: "cranfield");
        if (index is not null && !PromptReference.IsName(index))
        {
            reader.Error(map["index"], $"`retrieval.index` names an index built by `workbench index build NAME`: letters, digits, '-', '_' or '.'; found `{index}`.");
        }
        var query = map.String("query", required: true, example: "\"{{question}}\"");
        if (query is not null && Templates.PromptTemplate.Validate(query) is { } problem)
        {
            reader.Error(map["query"], $"`retrieval.query` is not a valid template: {problem}");
        }
        var k = map.Integer("k", 1, "5") ?? 5;
        if (k > 100)
        {
            reader.Error(map["k"], $"`retrieval.k` is the number of documents each row is given, from 1 to 100; found {k}.");
        }
        var mode = map.String("mode", example: "hybrid") ?? "bm25";
        if (!RetrievalSpec.Modes.Contains(mode))
        {
            reader.Error(map["mode"], $"`retrieval.mode` is one of {string.Join(", ", RetrievalSpec.Modes)}; found `{mode}`.");
        }
        map.RejectUnknownKeys();
        return new RetrievalSpec(index ?? "", query ?? "", (int)Math.Min(k, 100), mode, (int)node.Start.Line);
    }

    private static BudgetSpec ParseBudget(SpecReader reader, SpecReader.Map root)
    {
        if (root["budget"] is not { } node)
        {
            return BudgetSpec.None;
        }
        var map = reader.Mapping(node, "`budget`");
        if (map is null)
        {
            return BudgetSpec.None;
        }
        var budget = new BudgetSpec(map.Integer("max_calls", 1, "1000"), map.Decimal("max_cost", "5.00"));
        map.RejectUnknownKeys();
        return budget;
    }
}
