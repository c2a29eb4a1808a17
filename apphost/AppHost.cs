// Two cPanel servers and a consumer that mints and verifies through them. When the app runs, both servers are emulators
// hosted in this process; when it is published, they are real servers whose host and token are deployment parameters
// (cpanel-host, cpanel-token, cpanel-eu-host, cpanel-eu-token), so the manifest holds no emulator and no secret.
var builder = DistributedApplication.CreateBuilder(args);
var cpanel = builder.AddCpanelEmulator("cpanel");
var cpanelEu = builder.AddCpanelEmulator("cpanel-eu").WithSeedFile("seeds/eu.json");
builder.AddProject<Projects.CpanelSessionOps_Samples_Consumer>("consumer")
    .WithReference(cpanel).WaitFor(cpanel)
    .WithReference(cpanelEu).WaitFor(cpanelEu)
    .WithHttpHealthCheck("/health");
builder.Build().Run();
