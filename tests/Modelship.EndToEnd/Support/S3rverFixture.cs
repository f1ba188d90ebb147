using Modelship.Registry.Testing;

namespace Modelship.EndToEnd.Support;

/// <summary>One s3rver (<see cref="S3rverProcess"/>) for a test class that reads or writes s3:// URIs.</summary>
public sealed class S3rverFixture : S3rverProcess, IAsyncLifetime;
