using System.Globalization;
using System.Text;
using System.Text.Json;
using Workbench.Grains.Runs;
using Workbench.Silo.Storage;

namespace Workbench.Silo.Runs;

/// <summary>Renders report.html: one self-contained page with the per-variant table and a per-row drill-down.</summary>
public static class RunReport
{
    private const string Style = """
        body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:75rem;padding:0 1rem;color:#1b1f24}
        h1{font-size:1.4rem;margin-bottom:.2rem} .meta{color:#57606a;margin-bottom:1.5rem}
        table{border-collapse:collapse;width:100%;margin:1rem 0} th,td{border-bottom:1px solid #d0d7de;padding:.35rem .5rem;text-align:left;vertical-align:top}
        th{background:#f6f8fa} td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        .ci{color:#57606a;font-size:.85em} .bad{color:#cf222e} .ok{color:#1a7f37}
        details{border:1px solid #d0d7de;border-radius:6px;margin:.4rem 0;padding:.3rem .7rem} summary{cursor:pointer;font-weight:600}
        pre{white-space:pre-wrap;word-break:break-word;background:#f6f8fa;padding:.4rem;border-radius:4px;margin:.2rem 0;max-height:16rem;overflow:auto}
        """;

    /// <summary>The page.</summary>
    public static string Render(RunSummary summary, RunPlan plan, IReadOnlyList<ReportRow> rows)
    {
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(E(summary.Name)).Append(" · ").Append(E(summary.RunId)).Append("</title><style>").Append(Style).Append("</style></head><body>");
        html.Append("<h1>").Append(E(summary.Name)).Append("</h1><div class=\"meta\">run ").Append(E(summary.RunId))
            .Append(" · ").Append(E(summary.Status)).Append(" · ").Append(N(summary.Rows)).Append(" rows · ").Append(N(summary.Cells)).Append(" cells</div>");

        html.Append("<h2>Variants</h2><table><tr><th>prompt × endpoint</th>");
        foreach (var scorer in plan.Scorers)
        {
            html.Append("<th>").Append(E(scorer.Id)).Append("<div class=\"ci\">mean, 95% CI</div></th>");
        }
        html.Append("<th>pass rate</th><th>errors</th><th>tokens in/out</th><th>cost</th><th>latency p50/p95 ms</th></tr>");
        foreach (var variant in summary.Variants)
        {
            html.Append("<tr><td>").Append(E(variant.Name)).Append("<div class=\"ci\">").Append(E(variant.PromptHash)).Append("</div></td>");
            foreach (var score in variant.Scores)
            {
                html.Append("<td class=\"n\">").Append(F(score.Mean));
                if (score.Low is { } low && score.High is { } high)
                {
                    html.Append("<div class=\"ci\">[").Append(F(low)).Append(", ").Append(F(high)).Append("]</div>");
                }
                if (score.Corpus is { } corpus)
                {
                    html.Append("<div class=\"ci\">corpus ").Append(F(corpus)).Append("</div>");
                }
                html.Append("</td>");
            }
            html.Append("<td class=\"n\">").Append(variant.PassRate is { } rate ? rate.ToString("P1", CultureInfo.InvariantCulture) : "–").Append("</td>")
                .Append("<td class=\"n ").Append(variant.Errors > 0 ? "bad" : "ok").Append("\">").Append(N(variant.Errors)).Append("</td>")
                .Append("<td class=\"n\">").Append(N(variant.InputTokens)).Append(" / ").Append(N(variant.OutputTokens)).Append("</td>")
                .Append("<td class=\"n\">").Append(variant.Cost.ToString("0.####", CultureInfo.InvariantCulture)).Append("</td>")
                .Append("<td class=\"n\">").Append(F(variant.LatencyP50)).Append(" / ").Append(F(variant.LatencyP95)).Append("</td></tr>");
        }
        html.Append("</table>");
        if (summary.Comparisons is { Count: > 0 } comparisons)
        {
            AppendComparisons(html, comparisons);
        }

        html.Append("<h2>Rows</h2>");
        if (summary.Rows > rows.Count)
        {
            html.Append("<p class=\"meta\">The first ").Append(N(rows.Count)).Append(" rows; every cell is in results.jsonl.</p>");
        }
        foreach (var row in rows)
        {
            var failed = row.Cells.Any(c => c.Cell.Error is not null || c.Cell.Scores.Values.Any(s => s.Passed == false || s.Error is not null));
            html.Append("<details><summary class=\"").Append(failed ? "bad" : "ok").Append("\">").Append(E(row.RowId))
                .Append(" <span class=\"ci\">").Append(E(Preview(row.Fields))).Append("</span></summary>");
            html.Append("<pre>").Append(E(JsonSerializer.Serialize(row.Fields, RunJson.Options))).Append("</pre><table><tr><th>variant</th><th>output</th><th>scores</th></tr>");
            foreach (var (variant, cell) in row.Cells)
            {
                html.Append("<tr><td>").Append(E(variant.Name)).Append(variant.Repeat > 0 ? $" #{variant.Repeat + 1}" : "").Append("</td><td>");
                html.Append(cell.Error is not null ? $"<span class=\"bad\">{E(cell.Error)}</span>" : $"<pre>{E(cell.Output ?? "")}</pre>");
                html.Append("</td><td>");
                foreach (var (id, score) in cell.Scores)
                {
                    html.Append("<div class=\"").Append(score.Passed == false || score.Error is not null ? "bad" : "").Append("\">").Append(E(id)).Append(": ")
                        .Append(score.Error is not null ? E(score.Error) : F(score.Value)).Append("</div>");
                    if (score.Rationale is not null)
                    {
                        html.Append("<div class=\"ci\">").Append(E(score.Rationale)).Append("</div>");
                    }
                }
                html.Append("</td></tr>");
            }
            html.Append("</table></details>");
        }
        return html.Append("</body></html>\n").ToString();
    }

    /// <summary>
    /// Every comparison as a table row and as a line of a forest plot (SVG): each score gets its own
    /// plot, since scores have their own scales; a dot is the difference, a bar its 95% interval, the
    /// dashed line zero.
    /// </summary>
    private static void AppendComparisons(StringBuilder html, IReadOnlyList<ComparisonSummary> comparisons)
    {
        html.Append("<h2>Comparisons</h2><p class=\"meta\">B − A on the rows every variant scored; intervals are 95% paired-bootstrap intervals; p-values adjusted by Holm over all ")
            .Append(N(comparisons.Count)).Append(" comparisons.</p>");
        foreach (var group in comparisons.GroupBy(c => c.Scorer))
        {
            var list = group.ToList();
            const int Width = 640, Label = 260, Row = 26, Top = 20;
            var low = Math.Min(0.0, list.Min(c => c.Low));
            var high = Math.Max(0.0, list.Max(c => c.High));
            var span = high - low > 0 ? high - low : 1.0;
            double X(double value) => Label + 10 + ((value - low) / span * (Width - Label - 30));
            var height = Top + (list.Count * Row) + 10;
            html.Append("<h3>").Append(E(group.Key)).Append("</h3><svg class=\"forest\" role=\"img\" width=\"").Append(Width).Append("\" height=\"").Append(height)
                .Append("\" viewBox=\"0 0 ").Append(Width).Append(' ').Append(height).Append("\"><title>").Append(E(group.Key)).Append(": B − A with 95% intervals</title>");
            html.Append("<line x1=\"").Append(P(X(0))).Append("\" y1=\"").Append(Top - 10).Append("\" x2=\"").Append(P(X(0))).Append("\" y2=\"").Append(height - 5)
                .Append("\" stroke=\"#888\" stroke-dasharray=\"4 3\"/>");
            html.Append("<text x=\"").Append(P(X(low))).Append("\" y=\"12\" font-size=\"11\">").Append(F(low)).Append("</text><text x=\"").Append(P(X(high)))
                .Append("\" y=\"12\" font-size=\"11\" text-anchor=\"end\">").Append(F(high)).Append("</text>");
            for (var i = 0; i < list.Count; i++)
            {
                var c = list[i];
                var y = Top + (i * Row) + (Row / 2);
                var colour = c.PHolm < 0.05 ? (c.Difference > 0 ? "#1a7f37" : "#cf222e") : "#57606a";
                html.Append("<text x=\"0\" y=\"").Append(y + 4).Append("\" font-size=\"12\">").Append(E($"{c.B} − {c.A}")).Append("</text>")
                    .Append("<line x1=\"").Append(P(X(c.Low))).Append("\" y1=\"").Append(y).Append("\" x2=\"").Append(P(X(c.High))).Append("\" y2=\"").Append(y)
                    .Append("\" stroke=\"").Append(colour).Append("\" stroke-width=\"2\"/>")
                    .Append("<circle cx=\"").Append(P(X(c.Difference))).Append("\" cy=\"").Append(y).Append("\" r=\"4\" fill=\"").Append(colour).Append("\"/>");
            }
            html.Append("</svg>");
        }
        html.Append("<table><tr><th>score</th><th>B − A</th><th>rows</th><th>difference<div class=\"ci\">95% CI</div></th><th>test</th><th>p</th><th>p (Holm)</th><th>effect size</th><th>detectable at 80% power</th><th>in words</th></tr>");
        foreach (var c in comparisons)
        {
            html.Append("<tr><td>").Append(E(c.Scorer)).Append("</td><td>").Append(E($"{c.B} − {c.A}")).Append("</td><td class=\"n\">").Append(N(c.Rows))
                .Append("</td><td class=\"n\">").Append(F(c.Difference)).Append("<div class=\"ci\">[").Append(F(c.Low)).Append(", ").Append(F(c.High)).Append("]</div></td><td>")
                .Append(E(c.Test)).Append("</td><td class=\"n\">").Append(Pv(c.PValue)).Append("</td><td class=\"n ").Append(c.PHolm < 0.05 ? "ok" : "").Append("\">").Append(Pv(c.PHolm))
                .Append("</td><td class=\"n\">").Append(F(c.EffectSize)).Append("</td><td class=\"n\">").Append(F(c.MinimumDetectableEffect)).Append("</td><td>").Append(E(c.Verdict)).Append("</td></tr>");
        }
        html.Append("</table>");
    }

    private static string P(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Pv(double value) => value < 0.001 ? "&lt; 0.001" : value.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>The first text field of a row that is not its id, shortened: what a reader scans the list by.</summary>
    private static string Preview(IReadOnlyDictionary<string, object?> fields)
    {
        var text = fields.Where(f => f.Key != "id" && f.Value is string { Length: > 0 }).Select(f => (string)f.Value!).FirstOrDefault() ?? "";
        return text.Length <= 120 ? text : text[..120] + "…";
    }

    /// <summary>Escapes the five characters that matter in HTML text and attributes, and leaves the rest readable.</summary>
    private static string E(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal)
        .Replace("'", "&#39;", StringComparison.Ordinal);

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string F(double? value) => value is { } v ? v.ToString(Math.Abs(v) >= 100 ? "0.#" : "0.###", CultureInfo.InvariantCulture) : "–";
}
