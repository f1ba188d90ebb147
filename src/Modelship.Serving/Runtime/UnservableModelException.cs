namespace Modelship.Serving.Runtime;

/// <summary>ONNX Runtime loads the model, but the V2 protocol cannot carry some of its inputs or outputs.</summary>
public sealed class UnservableModelException(string message) : Exception(message);
