using Microsoft.Extensions.Logging.Abstractions;
using Modelship.Serving.Auth;

namespace Modelship.Serving.Tests.Auth;

/// <summary>Token directories laid out as the kubelet lays out a Secret volume, read and followed through rotations.</summary>
public sealed class TokenDirectoryTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("modelship-tokens-").FullName;
    private int _version;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Reads_one_token_per_visible_file_through_the_kubelet_symlinks()
    {
        PublishLikeKubelet(new() { ["client-a"] = "token-a\n", ["client-b"] = "token-b" });
        File.WriteAllText(Path.Combine(_root, ".hidden"), "not-a-token");
        File.WriteAllBytes(Path.Combine(_root, "ca.crt"), new byte[BearerTokenSet.MaxTokenBytes + 1]);

        var (tokens, skipped) = TokenDirectoryReader.Read(_root);

        tokens.Count.Should().Be(2);
        tokens.Contains("token-a").Should().BeTrue("the trailing newline of a file is not part of the token");
        tokens.Contains("token-b").Should().BeTrue();
        tokens.Contains("not-a-token").Should().BeFalse("dot files are the kubelet's bookkeeping");
        skipped.Should().ContainSingle().Which.Should().StartWith("ca.crt");
    }

    [Fact]
    public void A_missing_directory_has_no_tokens() =>
        TokenDirectoryReader.Read(Path.Combine(_root, "absent")).Tokens.Count.Should().Be(0);

    [Fact]
    public async Task A_rotation_like_the_kubelet_makes_is_followed_by_the_watcher_without_a_rescan()
    {
        PublishLikeKubelet(new() { ["old"] = "old-token" });
        // An hour between re-scans: only the file system watcher can notice the change within the test.
        using var watch = new TokenDirectoryWatch(_root, "inference", TimeSpan.FromHours(1), NullLogger.Instance);
        watch.Current.Contains("old-token").Should().BeTrue();

        PublishLikeKubelet(new() { ["old"] = "old-token", ["new"] = "new-token" });
        await WaitUntilAsync(() => watch.Current.Contains("new-token"), "the new key is accepted once it is published");
        watch.Current.Contains("old-token").Should().BeTrue("both keys are valid while clients move");

        PublishLikeKubelet(new() { ["new"] = "new-token" });
        await WaitUntilAsync(() => !watch.Current.Contains("old-token"), "the removed key is refused once it is gone");
        watch.Current.Contains("new-token").Should().BeTrue();
    }

    [Fact]
    public async Task Plain_files_written_and_removed_are_followed_too()
    {
        File.WriteAllText(Path.Combine(_root, "a"), "token-a");
        using var watch = new TokenDirectoryWatch(_root, "inference", TimeSpan.FromHours(1), NullLogger.Instance);

        File.WriteAllText(Path.Combine(_root, "b"), "token-b");
        await WaitUntilAsync(() => watch.Current.Contains("token-b"), "a new file is a new token");
        File.Delete(Path.Combine(_root, "a"));
        await WaitUntilAsync(() => !watch.Current.Contains("token-a"), "a removed file's token is refused");
    }

    [Fact]
    public async Task A_directory_that_appears_after_start_is_found_by_the_periodic_rescan()
    {
        var later = Path.Combine(_root, "later");
        using var watch = new TokenDirectoryWatch(later, "admin", TimeSpan.FromMilliseconds(100), NullLogger.Instance);
        watch.Current.Count.Should().Be(0, "no directory: every request is refused");

        Directory.CreateDirectory(later);
        File.WriteAllText(Path.Combine(later, "ops"), "ops-token");
        await WaitUntilAsync(() => watch.Current.Contains("ops-token"), "the re-scan reads the new directory");
    }

    /// <summary>
    /// Publishes a Secret's keys the way the kubelet's atomic writer does: a new hidden timestamped directory, the
    /// <c>..data</c> symlink swapped to it by a rename, visible names as symlinks through <c>..data</c>, old ones removed.
    /// </summary>
    private void PublishLikeKubelet(Dictionary<string, string> keys)
    {
        var version = $"..2026_12_08_00_00_00.{++_version}";
        var versionDirectory = Directory.CreateDirectory(Path.Combine(_root, version)).FullName;
        foreach (var (key, value) in keys)
        {
            File.WriteAllText(Path.Combine(versionDirectory, key), value);
        }
        var data = Path.Combine(_root, "..data");
        var previous = Directory.Exists(data) ? new DirectoryInfo(data).LinkTarget : null;
        var temporary = Path.Combine(_root, "..data_tmp");
        File.CreateSymbolicLink(temporary, version);
        // rename(2) of one symlink over another, as the kubelet does (mv -T: no following the old link).
        using (var move = System.Diagnostics.Process.Start("mv", ["-T", temporary, data]))
        {
            move.WaitForExit();
            move.ExitCode.Should().Be(0);
        }
        foreach (var key in keys.Keys)
        {
            var visible = Path.Combine(_root, key);
            if (!File.Exists(visible) && new FileInfo(visible).LinkTarget is null)
            {
                File.CreateSymbolicLink(visible, Path.Combine("..data", key));
            }
        }
        foreach (var visible in Directory.EnumerateFileSystemEntries(_root).Where(p => !Path.GetFileName(p).StartsWith('.')))
        {
            if (!keys.ContainsKey(Path.GetFileName(visible)) && new FileInfo(visible).LinkTarget is not null)
            {
                File.Delete(visible);
            }
        }
        if (previous is not null)
        {
            Directory.Delete(Path.Combine(_root, previous), recursive: true);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string because)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, because);
            await Task.Delay(20);
        }
    }
}
