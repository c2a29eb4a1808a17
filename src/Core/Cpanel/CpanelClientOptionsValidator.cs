using Microsoft.Extensions.Options;

namespace CpanelSessionOps.Cpanel;

[OptionsValidator]
internal sealed partial class CpanelClientOptionsValidator : IValidateOptions<CpanelClientOptions>;
