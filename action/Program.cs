using System.Collections;
using CpanelSessionOps.Action;

var environment = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
    .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "", StringComparer.Ordinal);
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl-C stops the run cleanly (demo's emulator shuts down); a second one ends the process.
    e.Cancel = !stop.IsCancellationRequested;
    stop.Cancel();
};
return await ActionProgram.RunAsync(args, Console.Out, Console.Error, environment, terminal: Terminal.FromConsole(), cancellationToken: stop.Token);
