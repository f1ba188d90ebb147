using Modelship.Registry.Testing;

namespace Modelship.Registry.Tests.Servers;

/// <summary>One s3rver (<see cref="S3rverProcess"/>) for every test of the collection.</summary>
public sealed class S3rverFixture : S3rverProcess, IAsyncLifetime;

[CollectionDefinition(Name)]
public sealed class S3rverCollection : ICollectionFixture<S3rverFixture>
{
    public const string Name = "s3rver";
}
