using Modelship.Registry.Testing;

namespace Modelship.IntegrationTests.RefreshSchedule;

/// <summary>One s3rver (<see cref="S3rverProcess"/>) for a test class whose schedules list an S3 source.</summary>
public sealed class S3rverFixture : S3rverProcess, IAsyncLifetime;
