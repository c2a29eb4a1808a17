
namespace CpanelSessionOps.Action;

/// <summary>
/// The program as a GitHub Action (no arguments, <c>GITHUB_ACTIONS=true</c>): the inputs from <c>INPUT_*</c>, which the
/// runner does not validate, then the check, with failures as annotations and the outputs and job summary written.
/// </summary>
internal sealed class ActionCommand(CommandContext context)
{
    public async Task<int> RunAsync()
    {
        // Before anything else is printed: the token, whatever comes of the inputs.
        context.Commands.Mask(context.Environment.GetValueOrDefault("INPUT_API-TOKEN") ?? "");
        var (settings, problems) = CheckSettings.FromInputs(context.Environment);
        if (settings is null)
        {
            foreach (var problem in problems)
            {
                context.Commands.Error("Invalid input", problem);
            }

            return ExitCodes.BadUsage;
        }

        var caller = new CallerIdentity(CallerKind.GitHub, context.Environment.GetValueOrDefault("GITHUB_ACTOR") ?? "github-actions");
        return await new CheckCommand(context, settings, caller, MintChannel.Action, ResultFormat.Text).RunAsync().ConfigureAwait(false);
    }
}
