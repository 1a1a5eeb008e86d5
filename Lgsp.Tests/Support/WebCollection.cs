namespace Lgsp.Tests.Support;

/// <summary>
/// Tests that start the whole portal run one at a time: Hangfire keeps its storage in a process-wide static, and
/// two hosts starting together on two cores only slow each other down.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WebCollection
{
    public const string Name = "web";
}
