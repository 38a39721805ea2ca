using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Workbench.Evaluation.Statistics;

namespace Workbench.Grains.LocalModels;

/// <summary>
/// Writes a llama-architecture GGUF model with seeded random weights, for tests and benchmarks on
/// machines that cannot download a trained model. The same shape and seed always give the same bytes.
/// The model has a real tokenizer (SentencePiece-style, with byte fallback, so any text tokenizes) and
/// the ChatML chat template, so it exercises every step a trained model does; its output is noise.
/// </summary>
public static class SyntheticModel
{
    /// <summary>Token ids of the special tokens.</summary>
    public const int Unknown = 0, BeginOfText = 1, EndOfText = 2, TurnStart = 3, TurnEnd = 4;

    private const string CommonWords =
        "the of and to a in is was that for it as with on by he his at from are be this an which or had not were but have its they " +
        "their one all been has also she her there more who would when can what about into than other after first some time two " +
        "new only these most over such may where many up out so if between how do does did why which during while under city year " +
        "name called used years world state war people part known made school church government country number water system " +
        "university united century american capital france french english german river company first second largest" ;

    private const string ChatTemplate =
        "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}" +
        "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

    /// <summary>Writes the model of <paramref name="shape"/> and <paramref name="seed"/> to <paramref name="path"/>, through a temporary file so a failure leaves nothing half written.</summary>
    public static void Write(SyntheticModelShape shape, ulong seed, string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
            {
                Writer(shape, seed).WriteTo(stream);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>The GGUF writer holding the model of <paramref name="shape"/> and <paramref name="seed"/>.</summary>
    public static GgufWriter Writer(SyntheticModelShape shape, ulong seed)
    {
        var (tokens, scores, types) = Vocabulary(shape.VocabularySize, seed);
        var writer = new GgufWriter()
            .Add("general.architecture", "llama")
            .Add("general.name", string.Create(CultureInfo.InvariantCulture, $"workbench-synthetic-{shape.Name}-seed{seed}"))
            .Add("general.description", "Seeded random weights written by `workbench model synth`: a test model whose output is noise.")
            .Add("general.file_type", shape.Type switch { GgmlType.F16 => 1u, GgmlType.Q8Blocks => 7u, _ => 0u })
            .Add("general.alignment", (uint)GgufWriter.Alignment)
            .Add("llama.context_length", (uint)shape.ContextLength)
            .Add("llama.embedding_length", (uint)shape.EmbeddingLength)
            .Add("llama.block_count", (uint)shape.Layers)
            .Add("llama.feed_forward_length", (uint)shape.FeedForwardLength)
            .Add("llama.attention.head_count", (uint)shape.Heads)
            .Add("llama.attention.head_count_kv", (uint)shape.KeyValueHeads)
            .Add("llama.rope.dimension_count", (uint)shape.HeadLength)
            .Add("llama.rope.freq_base", 10000f)
            .Add("llama.attention.layer_norm_rms_epsilon", 1e-5f)
            .Add("llama.vocab_size", (uint)shape.VocabularySize)
            .Add("tokenizer.ggml.model", "llama")
            .Add("tokenizer.ggml.tokens", tokens)
            .Add("tokenizer.ggml.scores", scores)
            .Add("tokenizer.ggml.token_type", types)
            .Add("tokenizer.ggml.bos_token_id", (uint)BeginOfText)
            .Add("tokenizer.ggml.eos_token_id", (uint)TurnEnd)
            .Add("tokenizer.ggml.unknown_token_id", (uint)Unknown)
            .Add("tokenizer.ggml.add_bos_token", false)
            .Add("tokenizer.ggml.add_eos_token", false)
            .Add("tokenizer.chat_template", ChatTemplate);

        var index = 0UL;
        long embedding = shape.EmbeddingLength, kv = (long)shape.KeyValueHeads * shape.HeadLength, ff = shape.FeedForwardLength;
        // Weights of variance 1/n (Xavier's scale): activations keep their size through the layers, so the output depends on the prompt.
        var scale = MathF.Sqrt(3f / shape.EmbeddingLength);
        void Matrix(string name, long inner, long outer) => writer.Add(Random(name, [inner, outer], shape.Type, scale, seed, index++));
        void Norm(string name) => writer.Add(Ones(name, embedding));

        Matrix("token_embd.weight", embedding, shape.VocabularySize);
        Norm("output_norm.weight");
        for (var layer = 0; layer < shape.Layers; layer++)
        {
            var block = string.Create(CultureInfo.InvariantCulture, $"blk.{layer}.");
            Norm(block + "attn_norm.weight");
            Matrix(block + "attn_q.weight", embedding, embedding);
            Matrix(block + "attn_k.weight", embedding, kv);
            Matrix(block + "attn_v.weight", embedding, kv);
            Matrix(block + "attn_output.weight", embedding, embedding);
            Norm(block + "ffn_norm.weight");
            Matrix(block + "ffn_gate.weight", embedding, ff);
            Matrix(block + "ffn_up.weight", embedding, ff);
            Matrix(block + "ffn_down.weight", ff, embedding);
        }
        return writer;
    }

    /// <summary>
    /// The vocabulary: the special tokens, the 256 byte tokens that let any text tokenize, the printable
    /// ASCII characters with and without the word-start mark, then pieces joined from earlier ones, chosen by the seed.
    /// </summary>
    private static (List<string> Tokens, List<float> Scores, List<int> Types) Vocabulary(int size, ulong seed)
    {
        const int Normal = 1, UnknownType = 2, Control = 3, ByteType = 6;
        var tokens = new List<string>(size) { "<unk>", "<s>", "</s>", "<|im_start|>", "<|im_end|>" };
        var types = new List<int>(size) { UnknownType, Control, Control, Control, Control };
        for (var b = 0; b < 256; b++)
        {
            tokens.Add(string.Create(CultureInfo.InvariantCulture, $"<0x{b:X2}>"));
            types.Add(ByteType);
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var firstPiece = tokens.Count;
        void Piece(string piece)
        {
            if (tokens.Count < size && seen.Add(piece))
            {
                tokens.Add(piece);
                types.Add(Normal);
            }
        }
        Piece("\u2581");
        for (var c = '!'; c <= '~'; c++)
        {
            Piece(c.ToString());
            Piece("\u2581" + c);
        }
        // Common English words and letter pairs, so that text tokenizes about as compactly as with a trained vocabulary.
        foreach (var word in CommonWords.Split(' '))
        {
            Piece("\u2581" + word);
        }
        for (var a = 'a'; a <= 'z'; a++)
        {
            for (var b = 'a'; b <= 'z'; b++)
            {
                Piece(string.Concat(a, b));
                Piece(string.Concat("\u2581", a, b));
            }
        }
        var random = new SeededRandom(seed ^ 0x766f636162756c61UL);
        var builder = new StringBuilder();
        while (tokens.Count < size)
        {
            var left = tokens[firstPiece + random.NextIndex(tokens.Count - firstPiece)];
            var right = tokens[firstPiece + 1 + random.NextIndex(tokens.Count - firstPiece - 1)].TrimStart('\u2581');
            if (left.Length + right.Length <= 12 && right.Length > 0)
            {
                Piece(builder.Clear().Append(left).Append(right).ToString());
            }
        }
        var scores = new List<float>(size);
        for (var i = 0; i < tokens.Count; i++)
        {
            scores.Add(types[i] == Normal ? -i : 0f);
        }
        return (tokens, scores, types);
    }

    private static GgufTensor Ones(string name, long length) => new(name, [length], GgmlType.F32, writer =>
    {
        for (var i = 0; i < length; i++)
        {
            writer.Write(1f);
        }
    });

    private static GgufTensor Random(string name, long[] shape, GgmlType type, float scale, ulong seed, ulong stream) => new(name, shape, type, writer =>
    {
        var random = new SeededRandom(seed * 0x9E3779B97F4A7C15UL + stream + 1);
        var count = shape[0] * shape[1];
        var block = new float[GgufTensor.Q8BlockLength];
        // Not disposed: that would close the file, which the GGUF writer still writes to.
        var buffered = new BufferedStream(writer.BaseStream, 1 << 16);
        Span<byte> bytes = stackalloc byte[GgufTensor.Q8BlockBytes];
        for (long i = 0; i < count; i += block.Length)
        {
            for (var j = 0; j < block.Length; j++)
            {
                // 24 random bits mapped onto [-1, 1): exact in every width, so the bytes depend on nothing but the seed.
                block[j] = ((int)(random.NextUInt64() >> 40) - (1 << 23)) / (float)(1 << 23) * scale;
            }
            switch (type)
            {
                case GgmlType.F32:
                    buffered.Write(MemoryMarshal.AsBytes(block.AsSpan()));
                    break;
                case GgmlType.F16:
                    foreach (var value in block)
                    {
                        BinaryPrimitives.WriteHalfLittleEndian(bytes, (Half)value);
                        buffered.Write(bytes[..2]);
                    }
                    break;
                default:
                    QuantizeQ8(block, bytes);
                    buffered.Write(bytes);
                    break;
            }
        }
        buffered.Flush();
    });

    /// <summary>ggml's Q8_0 block: a 16-bit scale, the largest magnitude over 127, then 32 signed bytes rounded to it.</summary>
    private static void QuantizeQ8(ReadOnlySpan<float> block, Span<byte> destination)
    {
        var largest = 0f;
        foreach (var value in block)
        {
            largest = Math.Max(largest, Math.Abs(value));
        }
        var scale = largest / 127f;
        var inverse = scale != 0 ? 1f / scale : 0f;
        BinaryPrimitives.WriteHalfLittleEndian(destination, (Half)scale);
        for (var j = 0; j < block.Length; j++)
        {
            destination[2 + j] = unchecked((byte)(sbyte)MathF.Round(block[j] * inverse, MidpointRounding.AwayFromZero));
        }
    }
}
