namespace Modelship.Serving.Runtime;

/// <summary>Resolves a model path: a .onnx file, or a directory with model.onnx or exactly one .onnx file.</summary>
public static class ModelFileLocator
{
    public static string Resolve(string path)
    {
        if (File.Exists(path)) return Path.GetFullPath(path);
        if (!Directory.Exists(path)) throw new FileNotFoundException($"model path {path} does not exist", path);
        var preferred = Path.Combine(path, "model.onnx");
        if (File.Exists(preferred)) return Path.GetFullPath(preferred);
        var candidates = Directory.GetFiles(path, "*.onnx");
        return candidates.Length switch
        {
            1 => Path.GetFullPath(candidates[0]),
            0 => throw new FileNotFoundException($"directory {path} holds no .onnx file", path),
            _ => throw new InvalidOperationException(
                $"directory {path} holds several .onnx files ({string.Join(", ", candidates.Select(Path.GetFileName).Order())}); name one"),
        };
    }
}
