using System.CommandLine;
using Modelship.Serving.Http;

namespace Modelship.Cli.Commands;

/// <summary>
/// The request body flags of `router`, `runtime` and `run`, defined once so the three take the same limits with the
/// same defaults: a body the router forwards must fit the runtime.
/// </summary>
internal sealed class RequestLimitOptions
{
    private static readonly RequestLimits Defaults = new();

    private readonly Option<long> _maxBodyBytes = new("--max-body-bytes")
    {
        Description = "Largest request body; larger ones get 413",
        DefaultValueFactory = _ => Defaults.MaxBodyBytes,
    };

    private readonly Option<double> _minBodyRate = new("--min-body-rate")
    {
        Description = "Bytes per second a request body must arrive at once the grace period is over; slower ones get 408",
        DefaultValueFactory = _ => Defaults.MinBodyBytesPerSecond,
    };

    private readonly Option<double> _bodyGracePeriod = new("--body-grace-period")
    {
        Description = "Seconds a request body may take before --min-body-rate applies (more than 1)",
        DefaultValueFactory = _ => Defaults.BodyGracePeriod.TotalSeconds,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(_maxBodyBytes);
        command.Options.Add(_minBodyRate);
        command.Options.Add(_bodyGracePeriod);
    }

    /// <summary>The limits the flags give; check <see cref="RequestLimits.Problem"/> before use.</summary>
    public RequestLimits Read(ParseResult parse) => new()
    {
        MaxBodyBytes = parse.GetValue(_maxBodyBytes),
        MinBodyBytesPerSecond = parse.GetValue(_minBodyRate),
        BodyGracePeriod = TimeSpan.FromSeconds(parse.GetValue(_bodyGracePeriod)),
    };
}
