using Microsoft.Extensions.Options;

namespace CpanelSessionOps.Policy;

[OptionsValidator]
internal sealed partial class MintPolicyOptionsValidator : IValidateOptions<MintPolicyOptions>;
