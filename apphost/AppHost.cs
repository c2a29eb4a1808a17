// The emulator and a consumer that mints and verifies through it: the three lines an Aspire user writes.
var builder = DistributedApplication.CreateBuilder(args);
var cpanel = builder.AddCpanelEmulator("cpanel");
builder.AddProject<Projects.CpanelSessionOps_Samples_Consumer>("consumer").WithReference(cpanel).WithHttpHealthCheck("/health");
builder.Build().Run();
