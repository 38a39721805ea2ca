using System.Text.RegularExpressions;
using Workbench.Evaluation.Scoring;
using Workbench.Evaluation.Specs;
using Workbench.Evaluation.Templates;
using Workbench.Grains.Embeddings;

namespace Workbench.Grains.Runs;

/// <summary>
/// Everything the work of one run shares, prepared once from its spec: the variants, compiled
/// templates and configured scorers. A plan holds nothing that is not derived from the spec, so any
/// silo rebuilds the same plan from the run's <see cref="RunSubmission"/>.
/// </summary>
public sealed partial class RunPlan
{
    /// <summary>Prepares the plan of <paramref name="spec"/>.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="spec">The spec.</param>
    /// <param name="scorers">Its scorers.</param>
    /// <param name="index">The index version its <c>retrieval:</c> searches, pinned at submission.</param>
    public RunPlan(string runId, EvalSpec spec, IReadOnlyList<Scorer> scorers, Retrieval.IndexVersion? index = null)
    {
        RunId = runId;
        Spec = spec;
        Scorers = scorers;
        Index = index;
        RetrievalQuery = spec.Retrieval is { } retrieval ? new PromptTemplate(retrieval.Query) : null;
        var variants = new List<Variant>();
        foreach (var prompt in spec.Prompts)
        {
            foreach (var endpoint in spec.Endpoints)
            {
                for (var repeat = 0; repeat < spec.Repeats; repeat++)
                {
                    variants.Add(new Variant(variants.Count, prompt, endpoint, repeat));
                }
            }
        }
        Variants = variants;
        Templates = spec.Prompts.ToDictionary(
            p => p.Id,
            p => (IReadOnlyList<(string Role, PromptTemplate Template)>)[.. p.Messages.Select(m => (m.Role, new PromptTemplate(m.Template)))],
            StringComparer.Ordinal);
        RequiredFields = [.. spec.Prompts
            .SelectMany(p => p.Messages)
            .SelectMany(m => TopLevelVariables(m.Template))
            .Concat(spec.Retrieval is { } query ? TopLevelVariables(query.Query) : [])
            .Where(f => spec.Retrieval is null || f is not (ContextField or ContextIdsField))
            .Distinct(StringComparer.Ordinal)];
        ReferenceFields = [.. scorers.Where(s => s.Definition.NeedsReference).Select(s => s.ReferenceFieldName!).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The template field holding the retrieved documents' texts.</summary>
    public const string ContextField = "context";

    /// <summary>The template field holding the retrieved documents' ids.</summary>
    public const string ContextIdsField = "context_ids";

    /// <summary>Rebuilds the plan of a submitted run from its record.</summary>
    /// <exception cref="SpecException">The spec or a scorer's settings are wrong.</exception>
    public static RunPlan Of(RunSubmission submission)
    {
        var spec = SpecParser.Parse(submission.SpecText, submission.SpecPath, submission.RegistryMessages());
        return new RunPlan(submission.RunId, spec, CreateScorers(spec), submission.Index);
    }

    /// <summary>The configured scorers of <paramref name="spec"/>, in spec order.</summary>
    /// <exception cref="SpecException">A scorer's settings are wrong; every problem is listed.</exception>
    public static IReadOnlyList<Scorer> CreateScorers(EvalSpec spec)
    {
        var errors = new List<SpecError>();
        var scorers = new List<Scorer>();
        foreach (var scorer in spec.Scorers)
        {
            try
            {
                scorers.Add(ScorerFactory.Create(scorer, spec.SourcePath, EmbeddingModels.Shared));
            }
            catch (SpecException exception)
            {
                errors.AddRange(exception.Errors);
            }
        }
        return errors.Count > 0 ? throw new SpecException(errors) : scorers;
    }

    /// <summary>The run.</summary>
    public string RunId { get; }

    /// <summary>The index version the spec's <c>retrieval:</c> searches, or null.</summary>
    public Retrieval.IndexVersion? Index { get; }

    /// <summary>The compiled retrieval query, or null when the spec has no <c>retrieval:</c>.</summary>
    public PromptTemplate? RetrievalQuery { get; }

    /// <summary>The spec.</summary>
    public EvalSpec Spec { get; }

    /// <summary>Prompt × endpoint × repeat, in a fixed order.</summary>
    public IReadOnlyList<Variant> Variants { get; }

    /// <summary>The compiled messages of each prompt.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<(string Role, PromptTemplate Template)>> Templates { get; }

    /// <summary>The scorers, in spec order.</summary>
    public IReadOnlyList<Scorer> Scorers { get; }

    /// <summary>Fields every row needs because a template uses them at top level.</summary>
    public IReadOnlyList<string> RequiredFields { get; }

    /// <summary>Fields every row needs because a scorer compares against them.</summary>
    public IReadOnlyList<string> ReferenceFields { get; }

    /// <summary>Why a row cannot be evaluated, or null when it can.</summary>
    public string? ProblemWith(IReadOnlyDictionary<string, object?> fields)
    {
        var missing = RequiredFields.FirstOrDefault(f => !Has(fields, f));
        if (missing is not null)
        {
            if (Spec.Prompts.FirstOrDefault(p => p.Messages.Any(m => m.Template.Contains(missing, StringComparison.Ordinal))) is not { } prompt)
            {
                return $"the row has no field `{missing}`, which the retrieval query uses as {{{{{missing}}}}}. Fields of the row: {string.Join(", ", fields.Keys)}. Add the field, or change `retrieval.query`.";
            }
            return $"the row has no field `{missing}`, which prompt `{prompt.Id}` uses as {{{{{missing}}}}}. Fields of the row: {string.Join(", ", fields.Keys)}. Add the field, or change the template.";
        }
        var reference = ReferenceFields.FirstOrDefault(f => !fields.ContainsKey(f));
        return reference is null ? null
            : $"the row has no field `{reference}`, which scorer `{Scorers.First(s => s.ReferenceFieldName == reference).Id}` reads as its reference_field. Fields of the row: {string.Join(", ", fields.Keys)}.";
    }

    /// <summary>Whether a dotted path such as <c>meta.source</c> leads to a value in the row.</summary>
    private static bool Has(IReadOnlyDictionary<string, object?> fields, string path)
    {
        object? current = fields;
        foreach (var part in path.Split('.'))
        {
            switch (current)
            {
                case IReadOnlyDictionary<string, object?> map when map.TryGetValue(part, out var next):
                    current = next;
                    break;
                case IDictionary<string, object?> map when map.TryGetValue(part, out var next):
                    current = next;
                    break;
                default:
                    return false;
            }
        }
        return true;
    }

    /// <summary>
    /// The plain variables a template uses outside any block (<c>{{name}}</c>, <c>{{a.b}}</c>): a row
    /// must have these. Inside <c>{{#each}}</c> or <c>{{#if}}</c> names refer to the block's item or
    /// are optional, so they are left to rendering to check.
    /// </summary>
    private static IEnumerable<string> TopLevelVariables(string template)
    {
        var depth = 0;
        foreach (Match match in Mustache().Matches(template))
        {
            var body = match.Groups["body"].Value.Trim();
            if (body.StartsWith('#') || body.StartsWith('^'))
            {
                depth++;
            }
            else if (body.StartsWith('/'))
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (depth == 0 && PlainName().IsMatch(body) && body is not ("this" or "else") && !body.StartsWith("this.", StringComparison.Ordinal))
            {
                yield return body;
            }
        }
    }

    [GeneratedRegex(@"\{\{\{?(?<body>[^{}]*?)\}?\}\}")]
    private static partial Regex Mustache();

    [GeneratedRegex(@"^[A-Za-z_][\w.-]*$")]
    private static partial Regex PlainName();
}
