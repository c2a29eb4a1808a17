using CpanelSessionOps.Functions;
using CpanelSessionOps.Functions.Hosting;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<ResponseDefaultsMiddleware>();
builder.Services.AddCpanelSessionOpsFunctions(builder.Configuration);
builder.Build().Run();
