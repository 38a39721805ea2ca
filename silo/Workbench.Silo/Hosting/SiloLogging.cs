using Microsoft.Extensions.Logging;

namespace Workbench.Silo.Hosting;

/// <summary>How every Workbench host logs: warnings and errors, on one console line each, unless the caller says otherwise.</summary>
public static class SiloLogging
{
    /// <summary>Applies the defaults to <paramref name="logging"/>, then <paramref name="configure"/> in place of the console when given.</summary>
    public static void Configure(ILoggingBuilder logging, Action<ILoggingBuilder>? configure)
    {
        logging.SetMinimumLevel(LogLevel.Warning);
        // The watchdog's first check measures from an unset timestamp and warns of a stall as long as the
        // machine's uptime; a batch process has no use for its warnings.
        logging.AddFilter("Orleans.Runtime.Watchdog", LogLevel.Error);
        if (configure is null)
        {
            logging.AddSimpleConsole(options => options.SingleLine = true);
        }
        else
        {
            configure(logging);
        }
    }
}
