using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workbench.Silo.Runs;

/// <summary>
/// summary.json, serialised by generated code in <see cref="Storage.RunJson"/>'s conventions: reflection
/// would spend longer discovering these records at the end of a run than writing them.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    WriteIndented = true)]
[JsonSerializable(typeof(RunSummary))]
[JsonSerializable(typeof(RunProvenance))]
internal sealed partial class SummaryJsonContext : JsonSerializerContext;
