using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Dashboard.Core.Spotify;

/// <summary>
/// The resilience pipeline of Web API calls: the strategies of the library's standard handler (total timeout, retry
/// with exponential backoff and jitter that honours <c>Retry-After</c>, circuit breaker, attempt timeout), tuned for
/// Spotify's answers:
/// <list type="bullet">
/// <item>429 is retried only when its <c>Retry-After</c> is short (<see cref="SpotifyOptions.MaxRetryAfterWait"/>) and
/// it is not <c>QUOTA_EXCEEDED</c>; otherwise it reaches the client, which turns it into a typed exception with the
/// time.</item>
/// <item>Player commands (PUT/POST) are not retried: sending "next" twice skips two tracks.</item>
/// <item>Waits and timeouts run on the app's clock (the <see cref="TimeProvider"/> in DI), like everything else that
/// reads the time, so a test's clock decides how long a Retry-After takes.</item>
/// </list>
/// Assembled here rather than with <c>AddStandardResilienceHandler</c> because only this way can each strategy be tuned
/// for Spotify's answers.
/// </summary>
internal static class SpotifyResilience
{
    public const string PipelineName = "spotify-api";

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline,
        ResilienceHandlerContext context)
    {
        var options = context.ServiceProvider.GetRequiredService<IOptions<SpotifyOptions>>().Value;
        var clock = context.ServiceProvider.GetRequiredService<TimeProvider>();
        pipeline.TimeProvider = clock;

        var longestWait = Max(options.MaxRetryAfterWait, options.RetryBaseDelay);
        var retry = new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = options.MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.RetryBaseDelay,
            MaxDelay = longestWait,
            ShouldRetryAfterHeader = true,
            ShouldHandle = args =>
                IsWorthRetryingAsync(args.Outcome, options.MaxRetryAfterWait, clock, args.Context.CancellationToken),
        };
        retry.DisableForUnsafeHttpMethods();

        pipeline
            // A bound on the whole call that never cuts short a wait the retry chose to make.
            .AddTimeout(new HttpTimeoutStrategyOptions
            {
                Timeout = options.RequestTimeout * (options.MaxRetries + 1) + longestWait * options.MaxRetries,
            })
            .AddRetry(retry)
            .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                // Spotify being down, not Spotify asking us to slow down, is what should open the circuit.
                ShouldHandle = args => ValueTask.FromResult(
                    HttpClientResiliencePredicates.IsTransient(args.Outcome)
                    && args.Outcome.Result?.StatusCode != HttpStatusCode.TooManyRequests),
                SamplingDuration = Max(TimeSpan.FromSeconds(30), options.RequestTimeout * 2),
            })
            .AddTimeout(new HttpTimeoutStrategyOptions { Timeout = options.RequestTimeout });
    }

    private static async ValueTask<bool> IsWorthRetryingAsync(Outcome<HttpResponseMessage> outcome,
        TimeSpan maxRetryAfterWait,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (outcome.Result is not { StatusCode: HttpStatusCode.TooManyRequests } tooMany)
        {
            // The overload that takes the token is still experimental; the strategy stops on cancellation itself.
#pragma warning disable CA2016
            return HttpClientResiliencePredicates.IsTransient(outcome);
#pragma warning restore CA2016
        }
        var wait = RetryAfter.Of(tooMany, clock.GetUtcNow());
        if (wait > maxRetryAfterWait)
        {
            return false;
        }
        return !(await SpotifyErrorBody.ReadAsync(tooMany, cancellationToken)).IsQuotaExceeded;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
