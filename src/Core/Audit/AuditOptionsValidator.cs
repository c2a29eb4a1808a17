using Microsoft.Extensions.Options;

namespace CpanelSessionOps.Audit;

[OptionsValidator]
internal sealed partial class AuditOptionsValidator : IValidateOptions<AuditOptions>;
