using System.Collections;
using CpanelSessionOps.Action;

var environment = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
    .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "", StringComparer.Ordinal);
return await ActionProgram.RunAsync(args, Console.Out, Console.Error, environment);
