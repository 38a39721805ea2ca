using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Workbench.Grains.LocalModels;

namespace Workbench.Grains.Tests.LocalModels;

public sealed class SyntheticModelTests
{
    [Fact]
    public void TheSameSeedWritesTheSameBytesAndAnotherSeedOthers()
    {
        using var folder = new TempFolder();
        string Hash(ulong seed, string name)
        {
            var path = folder.PathOf(name);
            SyntheticModel.Write(SyntheticModelShape.Tiny, seed, path);
            return Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
        }

        Assert.Equal(Hash(3, "a.gguf"), Hash(3, "b.gguf"));
        Assert.NotEqual(Hash(3, "a.gguf"), Hash(4, "c.gguf"));
    }

    [Fact]
    public async Task TheWrittenModelLoadsWithItsVocabularyAndChatTemplate()
    {
        using var folder = new TempFolder();
        var path = folder.PathOf("tiny.gguf");
        SyntheticModel.Write(SyntheticModelShape.Tiny, 1, path);

        await using var model = LlamaModel.Load(new LocalModelSettings(path, 512, 1, 1, 0), NullLogger.Instance);
        var withSystem = await model.CompleteAsync(
            new([new("system", "Be brief."), new("user", "Hello there")], 4, 0, null, null, 0, [], null, null), TestContext.Current.CancellationToken);
        var userOnly = await model.CompleteAsync(
            new([new("user", "Hello there")], 4, 0, null, null, 0, [], null, null), TestContext.Current.CancellationToken);

        Assert.Equal("workbench-synthetic-tiny-seed1", model.Name);
        // ChatML wraps each message in <|im_start|>ROLE\n ... <|im_end|>\n, one token each for the markers.
        Assert.True(withSystem.PromptTokens > userOnly.PromptTokens + 4, $"{withSystem.PromptTokens} vs {userOnly.PromptTokens}");
    }

    [Fact]
    public void TheParameterCountOf135mIsSmolLMs()
    {
        Assert.Equal(134_515_008, SyntheticModelShape.Small135M.ParameterCount);
    }
}
