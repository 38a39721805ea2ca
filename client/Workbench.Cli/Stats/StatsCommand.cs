using System.CommandLine;
using System.Text.Json.Nodes;
using Workbench.Evaluation.Statistics;

namespace Workbench.Cli.Stats;

/// <summary>
/// <c>workbench stats ...</c>: intervals and tests for people who bring their own numbers. Each prints
/// one JSON object, with <c>low</c>/<c>high</c> for intervals and <c>p_value</c> for tests.
/// </summary>
internal static class StatsCommand
{
    public static Command Create() => new("stats", "Confidence intervals and hypothesis tests on your own numbers; each prints one JSON object.")
    {
        Interval(),
        BinomialTestCommand(),
        McNemar(),
        MannWhitney(),
        Wilcoxon(),
        TTestCommand(),
        BootstrapCommand(),
        Compare(),
        PowerCommand(),
    };

    private static Option<double> Confidence() => new("--confidence") { Description = "The confidence level.", DefaultValueFactory = _ => 0.95 };

    private static Option<string> AlternativeOption() =>
        new Option<string>("--alternative") { Description = "two-sided, less or greater.", DefaultValueFactory = _ => "two-sided" }
            .AcceptOnlyFromAmong("two-sided", "less", "greater");

    private static Alternative ParseAlternative(string value) => value switch
    {
        "less" => Alternative.Less,
        "greater" => Alternative.Greater,
        _ => Alternative.TwoSided,
    };

    private static Option<string> MethodOption(string description, string fallback, params string[] values) =>
        new Option<string>("--method") { Description = description, DefaultValueFactory = _ => fallback }.AcceptOnlyFromAmong(values);

    private static Command Interval()
    {
        var method = MethodOption("wilson, wilson-cc, clopper-pearson, agresti-coull or wald.", "wilson", "wilson", "wilson-cc", "clopper-pearson", "agresti-coull", "wald");
        var successes = new Option<long>("--successes") { Description = "The number of successes.", Required = true };
        var n = new Option<long>("--n") { Description = "The number of trials.", Required = true };
        var confidence = Confidence();
        var alternative = AlternativeOption();
        var command = new Command("ci", "A confidence interval for a proportion.") { method, successes, n, confidence, alternative };
        command.SetAction(result => Run(() =>
        {
            var k = result.GetValue(successes);
            var trials = result.GetValue(n);
            CheckCounts(k, trials);
            var interval = ProportionInterval.Of(result.GetValue(method) switch
            {
                "wilson-cc" => ProportionMethod.WilsonContinuityCorrected,
                "clopper-pearson" => ProportionMethod.ClopperPearson,
                "agresti-coull" => ProportionMethod.AgrestiCoull,
                "wald" => ProportionMethod.Wald,
                _ => ProportionMethod.Wilson,
            }, k, trials, CheckConfidence(result.GetValue(confidence)), ParseAlternative(result.GetValue(alternative)!));
            return new JsonObject
            {
                ["method"] = result.GetValue(method),
                ["successes"] = k,
                ["n"] = trials,
                ["estimate"] = k / (double)trials,
                ["confidence"] = result.GetValue(confidence),
                ["alternative"] = result.GetValue(alternative),
                ["low"] = interval.Lower,
                ["high"] = interval.Upper,
            };
        }));
        return command;
    }

    private static Command BinomialTestCommand()
    {
        var successes = new Option<long>("--successes") { Description = "The number of successes.", Required = true };
        var n = new Option<long>("--n") { Description = "The number of trials.", Required = true };
        var p = new Option<double>("--p") { Description = "The proportion under the null hypothesis.", DefaultValueFactory = _ => 0.5 };
        var alternative = AlternativeOption();
        var confidence = Confidence();
        var command = new Command("binomtest", "The exact binomial test, with the Clopper-Pearson interval (as SciPy's binomtest and R's binom.test).") { successes, n, p, alternative, confidence };
        command.SetAction(result => Run(() =>
        {
            var k = result.GetValue(successes);
            var trials = result.GetValue(n);
            CheckCounts(k, trials);
            var p0 = result.GetValue(p);
            if (!(p0 >= 0 && p0 <= 1))
            {
                throw new StatsInputException($"--p must lie between 0 and 1; found {p0}.");
            }
            var side = ParseAlternative(result.GetValue(alternative)!);
            var test = BinomialTest.Test(k, trials, p0, side);
            var interval = ProportionInterval.Of(ProportionMethod.ClopperPearson, k, trials, CheckConfidence(result.GetValue(confidence)), side);
            return new JsonObject
            {
                ["successes"] = k,
                ["n"] = trials,
                ["p"] = p0,
                ["alternative"] = result.GetValue(alternative),
                ["statistic"] = Finite(test.Statistic),
                ["p_value"] = Finite(test.PValue),
                ["confidence"] = result.GetValue(confidence),
                ["low"] = interval.Lower,
                ["high"] = interval.Upper,
            };
        }));
        return command;
    }

    private static Command McNemar()
    {
        var b = new Option<long>("--b") { Description = "Pairs where only the first passed.", Required = true };
        var c = new Option<long>("--c") { Description = "Pairs where only the second passed.", Required = true };
        var exact = new Option<bool>("--exact") { Description = "The exact binomial test (statsmodels' exact=True)." };
        var noCorrection = new Option<bool>("--no-correction") { Description = "The chi-squared test without the continuity correction." };
        var command = new Command("mcnemar", "McNemar's test on the discordant pairs; by default chi-squared with the continuity correction, as R's mcnemar.test.") { b, c, exact, noCorrection };
        command.SetAction(result => Run(() =>
        {
            var (bv, cv) = (result.GetValue(b), result.GetValue(c));
            if (bv < 0 || cv < 0)
            {
                throw new StatsInputException("--b and --c are counts of discordant pairs and cannot be negative.");
            }
            if (result.GetValue(exact) && result.GetValue(noCorrection))
            {
                throw new StatsInputException("--exact and --no-correction exclude each other: the exact test has no continuity correction.");
            }
            var test = result.GetValue(exact) ? McNemarTest.Exact(bv, cv) : McNemarTest.ChiSquared(bv, cv, !result.GetValue(noCorrection));
            return new JsonObject { ["b"] = bv, ["c"] = cv, ["method"] = test.Method, ["statistic"] = Finite(test.Statistic), ["p_value"] = Finite(test.PValue) };
        }));
        return command;
    }

    private static Command MannWhitney()
    {
        var a = new Argument<FileInfo>("A") { Description = "The first sample: numbers, one per line." };
        var bFile = new Argument<FileInfo>("B") { Description = "The second sample." };
        var alternative = AlternativeOption();
        var method = MethodOption("auto (exact when a sample has at most 8 values and there are no ties), exact or asymptotic.", "auto", "auto", "exact", "asymptotic");
        var noContinuity = new Option<bool>("--no-continuity") { Description = "Leave out the continuity correction of the normal approximation." };
        var command = new Command("mannwhitney", "The Mann-Whitney U test of two independent samples (as SciPy's mannwhitneyu; U is the first sample's).") { a, bFile, alternative, method, noContinuity };
        command.SetAction(result => Run(() =>
        {
            var x = StatsInput.Numbers(result.GetValue(a)!);
            var y = StatsInput.Numbers(result.GetValue(bFile)!);
            var test = MannWhitneyTest.Test(x, y, ParseAlternative(result.GetValue(alternative)!), RankMethod(result.GetValue(method)!), !result.GetValue(noContinuity));
            return new JsonObject { ["n_a"] = x.Count, ["n_b"] = y.Count, ["alternative"] = result.GetValue(alternative), ["method"] = test.Method, ["statistic"] = Finite(test.Statistic), ["p_value"] = Finite(test.PValue) };
        }));
        return command;
    }

    private static Command Wilcoxon()
    {
        var a = new Argument<FileInfo>("A") { Description = "The first sample: numbers, one per line." };
        var bFile = new Argument<FileInfo>("B") { Description = "The second sample, paired with the first line by line." };
        var alternative = AlternativeOption();
        var method = MethodOption("auto (exact for at most 50 pairs without ties or zero differences), exact or asymptotic.", "auto", "auto", "exact", "asymptotic");
        var correction = new Option<bool>("--correction") { Description = "Apply the continuity correction to the normal approximation." };
        var command = new Command("wilcoxon", "The Wilcoxon signed-rank test of paired samples, on A - B (as SciPy's wilcoxon).") { a, bFile, alternative, method, correction };
        command.SetAction(result => Run(() =>
        {
            var (x, y) = Paired(result.GetValue(a)!, result.GetValue(bFile)!);
            var test = WilcoxonSignedRankTest.Test(x, y, ParseAlternative(result.GetValue(alternative)!), RankMethod(result.GetValue(method)!), result.GetValue(correction));
            return new JsonObject { ["n"] = x.Count, ["alternative"] = result.GetValue(alternative), ["method"] = test.Method, ["statistic"] = Finite(test.Statistic), ["p_value"] = Finite(test.PValue) };
        }));
        return command;
    }

    private static Command TTestCommand()
    {
        var a = new Argument<FileInfo>("A") { Description = "The first sample: numbers, one per line." };
        var bFile = new Argument<FileInfo>("B") { Description = "The second sample." };
        var paired = new Option<bool>("--paired") { Description = "Pair the samples line by line (SciPy's ttest_rel)." };
        var welch = new Option<bool>("--welch") { Description = "Welch's test, without assuming equal variances (R's default; SciPy's equal_var=False)." };
        var alternative = AlternativeOption();
        var confidence = Confidence();
        var command = new Command("ttest", "Student's t-test of two samples, independent (pooled variance, as SciPy's ttest_ind) or paired.") { a, bFile, paired, welch, alternative, confidence };
        command.SetAction(result => Run(() =>
        {
            var side = ParseAlternative(result.GetValue(alternative)!);
            var level = CheckConfidence(result.GetValue(confidence));
            TTestResult test;
            if (result.GetValue(paired))
            {
                if (result.GetValue(welch))
                {
                    throw new StatsInputException("--welch is for independent samples; a paired test has one variance, of the differences.");
                }
                var (x, y) = Paired(result.GetValue(a)!, result.GetValue(bFile)!);
                test = TTest.Paired(x, y, side, level);
            }
            else
            {
                test = TTest.Independent(StatsInput.Numbers(result.GetValue(a)!), StatsInput.Numbers(result.GetValue(bFile)!), result.GetValue(welch), side, level);
            }
            return new JsonObject
            {
                ["method"] = result.GetValue(paired) ? "paired" : result.GetValue(welch) ? "welch" : "student",
                ["alternative"] = result.GetValue(alternative),
                ["statistic"] = Finite(test.Statistic),
                ["df"] = Finite(test.DegreesOfFreedom),
                ["p_value"] = Finite(test.PValue),
                ["estimate"] = Finite(test.Estimate),
                ["confidence"] = level,
                ["low"] = Finite(test.Interval.Lower),
                ["high"] = Finite(test.Interval.Upper),
            };
        }));
        return command;
    }

    private static Command BootstrapCommand()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The sample: numbers, one per line." };
        var method = MethodOption("percentile, basic or bca.", "bca", "percentile", "basic", "bca");
        var seed = new Option<ulong>("--seed") { Description = "The seed; the same seed gives the same interval.", DefaultValueFactory = _ => 0UL };
        var resamples = new Option<int>("--resamples") { Description = "The number of bootstrap resamples.", DefaultValueFactory = _ => Bootstrap.DefaultResamples };
        var confidence = Confidence();
        var command = new Command("bootstrap", "A seeded bootstrap interval for the mean.") { file, method, seed, resamples, confidence };
        command.SetAction(result => Run(() =>
        {
            var values = StatsInput.Numbers(result.GetValue(file)!);
            var count = result.GetValue(resamples);
            if (count < 100)
            {
                throw new StatsInputException($"--resamples must be at least 100 for a usable interval; found {count}. The default is {Bootstrap.DefaultResamples:N0}.");
            }
            var kind = result.GetValue(method) switch
            {
                "percentile" => BootstrapMethod.Percentile,
                "basic" => BootstrapMethod.Basic,
                _ => BootstrapMethod.Bca,
            };
            var interval = Bootstrap.MeanInterval(values, kind, CheckConfidence(result.GetValue(confidence)), count, result.GetValue(seed));
            return new JsonObject
            {
                ["statistic"] = "mean",
                ["method"] = result.GetValue(method),
                ["n"] = values.Count,
                ["estimate"] = values.Average(),
                ["confidence"] = result.GetValue(confidence),
                ["resamples"] = count,
                ["seed"] = result.GetValue(seed),
                ["low"] = interval.Lower,
                ["high"] = interval.Upper,
            };
        }));
        return command;
    }

    private static Command Compare()
    {
        var a = new Argument<FileInfo>("A") { Description = "JSONL of {\"id\": ..., METRIC: value} lines, or a run's results.jsonl." };
        var bFile = new Argument<FileInfo>("B") { Description = "The same for the variant compared with A." };
        var metric = new Option<string>("--metric") { Description = "The score to compare.", Required = true };
        var seed = new Option<ulong>("--seed") { Description = "The bootstrap seed.", DefaultValueFactory = _ => 0UL };
        var resamples = new Option<int>("--resamples") { Description = "The number of bootstrap resamples.", DefaultValueFactory = _ => Bootstrap.DefaultResamples };
        var confidence = Confidence();
        var command = new Command("compare", "B against A on the ids both have: the mean difference with a paired-bootstrap interval, and paired tests.") { a, bFile, metric, seed, resamples, confidence };
        command.SetAction(result => Run(() =>
        {
            var name = result.GetValue(metric)!;
            var (first, skippedA) = StatsInput.Scores(result.GetValue(a)!, name);
            var (second, skippedB) = StatsInput.Scores(result.GetValue(bFile)!, name);
            var shared = first.Keys.Count(second.ContainsKey);
            if (shared < 2)
            {
                throw new StatsInputException($"the files share {shared} id(s); a paired comparison needs at least two. Check that both use the same ids.");
            }
            var comparison = PairedComparison.Of(first, second, CheckConfidence(result.GetValue(confidence)), result.GetValue(resamples), result.GetValue(seed));
            return ComparisonJson.Of(comparison, name, result.GetValue(confidence), first.Count - shared, second.Count - shared, skippedA + skippedB);
        }));
        return command;
    }

    private static Command PowerCommand()
    {
        var sd = new Option<double>("--sd") { Description = "The standard deviation of the per-row differences (for pass/fail, about sqrt of the share of discordant rows).", Required = true };
        var effect = new Option<double?>("--effect") { Description = "The difference to detect: prints the rows needed." };
        var rows = new Option<long?>("--rows") { Description = "The rows you have: prints the smallest difference they detect." };
        var alpha = new Option<double>("--alpha") { Description = "The two-sided level.", DefaultValueFactory = _ => 0.05 };
        var power = new Option<double>("--power") { Description = "The chance of detecting the effect.", DefaultValueFactory = _ => 0.8 };
        var command = new Command("power", "Rows needed for a paired comparison to detect an effect, or the smallest effect a number of rows detects (normal approximation).") { sd, effect, rows, alpha, power };
        command.SetAction(result => Run(() =>
        {
            var (s, a, p) = (result.GetValue(sd), result.GetValue(alpha), result.GetValue(power));
            if (!(s > 0) || a is <= 0 or >= 1 || p is <= 0 or >= 1)
            {
                throw new StatsInputException("--sd must be above 0, and --alpha and --power strictly between 0 and 1.");
            }
            if ((result.GetValue(effect) is null) == (result.GetValue(rows) is null))
            {
                throw new StatsInputException("give exactly one of --effect (to get the rows needed) or --rows (to get the smallest detectable effect).");
            }
            var json = new JsonObject { ["sd"] = s, ["alpha"] = a, ["power"] = p };
            if (result.GetValue(effect) is { } e)
            {
                json["effect"] = e;
                json["rows_needed"] = Power.RowsNeeded(s, Math.Abs(e), a, p);
            }
            else
            {
                json["rows"] = result.GetValue(rows);
                json["minimum_detectable_effect"] = Power.MinimumDetectableEffect(s, result.GetValue(rows)!.Value, a, p);
            }
            return json;
        }));
        return command;
    }

    private static (List<double> X, List<double> Y) Paired(FileInfo a, FileInfo b)
    {
        var x = StatsInput.Numbers(a);
        var y = StatsInput.Numbers(b);
        if (x.Count != y.Count)
        {
            throw new StatsInputException($"paired samples need the same number of values: {a.Name} has {x.Count}, {b.Name} has {y.Count}.");
        }
        return (x, y);
    }

    private static RankTestMethod RankMethod(string value) => value switch
    {
        "exact" => RankTestMethod.Exact,
        "asymptotic" => RankTestMethod.Asymptotic,
        _ => RankTestMethod.Auto,
    };

    private static void CheckCounts(long successes, long n)
    {
        if (n < 1 || successes < 0 || successes > n)
        {
            throw new StatsInputException($"--successes must lie between 0 and --n, and --n must be at least 1; found {successes} of {n}.");
        }
    }

    private static double CheckConfidence(double confidence) =>
        confidence is > 0 and < 1 ? confidence : throw new StatsInputException($"--confidence must lie strictly between 0 and 1, for example 0.95; found {confidence}.");

    private static JsonValue? Finite(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;

    private static int Run(Func<JsonObject> compute)
    {
        try
        {
            Console.WriteLine(compute().ToJsonString());
            return 0;
        }
        catch (Exception exception) when (exception is StatsInputException or ArgumentException)
        {
            Console.Error.WriteLine($"error: {exception.Message}");
            return 2;
        }
    }
}
