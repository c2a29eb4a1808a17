// Two cPanel servers, a consumer that mints and verifies through them, and the HTTP API (samples/ApiHost: the plugin
// mapped into a plain ASP.NET Core app) over the first: the dashboard shows one trace from its request through minting to
// the emulator. When the app runs, both servers are emulators hosted in this process; when it is published, they are real
// servers whose host and token are deployment parameters (cpanel-host, cpanel-token, cpanel-eu-host, cpanel-eu-token), so
// the manifest holds no emulator and no secret.
var builder = DistributedApplication.CreateBuilder(args);
var cpanel = builder.AddCpanelEmulator("cpanel");
var cpanelEu = builder.AddCpanelEmulator("cpanel-eu").WithSeedFile("seeds/eu.json");
builder.AddProject<Projects.CpanelSessionOps_Samples_Consumer>("consumer")
    .WithReference(cpanel).WaitFor(cpanel)
    .WithReference(cpanelEu).WaitFor(cpanelEu)
    .WithHttpHealthCheck("/health");
builder.AddProject<Projects.CpanelSessionOps_Samples_ApiHost>("api")
    .WithReference(cpanel).WaitFor(cpanel)
    .WithHttpHealthCheck("/api/health");
builder.Build().Run();
