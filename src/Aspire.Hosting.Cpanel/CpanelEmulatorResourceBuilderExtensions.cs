using System.Security.Cryptography.X509Certificates;
using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>Adds the cPanel emulator to an app host and hands its connection to services in the shape Core reads.</summary>
public static class CpanelEmulatorResourceBuilderExtensions
{
    /// <summary>The WHM token of the emulator's built-in root account (public demo data).</summary>
    public const string EmulatorRootToken = CpanelSessionOps.Emulator.Seed.DefaultSeed.RootToken;

    private static readonly string[] Endpoints = ["cpanel", "whm", "webmail", "admin"];

    /// <summary>Runs the CpanelSessionOps emulator as a resource named <paramref name="name"/>.</summary>
    public static IResourceBuilder<CpanelEmulatorResource> AddCpanelEmulator(this IDistributedApplicationBuilder builder, string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var emulatorDll = Path.Combine(AppContext.BaseDirectory, "CpanelSessionOps.Emulator.dll");
        var certificate = CpanelSessionOps.Emulator.Hosting.CpanelEmulator.CreateCertificate();
        var pfx = Path.Combine(Path.GetTempPath(), $"cpanel-emulator-{name}-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(pfx, certificate.Export(X509ContentType.Pfx));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(pfx, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        // The key of a throwaway certificate, but still nothing to leave behind.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(pfx);
        var resource = new CpanelEmulatorResource(name, "dotnet", AppContext.BaseDirectory, certificate);
        return builder.AddResource(resource)
            .WithHttpsEndpoint(name: "cpanel", isProxied: false)
            .WithHttpsEndpoint(name: "whm", isProxied: false)
            .WithHttpsEndpoint(name: "webmail", isProxied: false)
            .WithHttpEndpoint(name: "admin", isProxied: false)
            .WithArgs(context =>
            {
                context.Args.Add(emulatorDll);
                context.Args.Add("--certificate-pfx");
                context.Args.Add(pfx);
                foreach (var endpoint in Endpoints)
                {
                    context.Args.Add($"--{endpoint}-port");
                    context.Args.Add(resource.GetEndpoint(endpoint).Property(EndpointProperty.TargetPort));
                }
            })
            .WithHttpHealthCheck("/health", endpointName: "admin");
    }

    /// <summary>
    /// Gives a service the emulator as a one-server fleet, in the configuration shape Core reads (<c>Fleet:Servers:NAME</c>,
    /// a <c>*</c> route, the pinned certificate, the root WHM token through an environment variable), so the same service
    /// runs against a real fleet by configuration alone.
    /// </summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<CpanelEmulatorResource> emulator)
        where T : IResourceWithEnvironment, IResourceWithWaitSupport
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(emulator);
        var resource = emulator.Resource;
        var prefix = $"Fleet__Servers__{resource.Name}__";
        return builder.WaitFor(emulator).WithEnvironment(context =>
        {
            context.EnvironmentVariables[prefix + "Host"] = "127.0.0.1";
            context.EnvironmentVariables[prefix + "CpanelPort"] = resource.CpanelEndpoint.Property(EndpointProperty.Port);
            context.EnvironmentVariables[prefix + "WhmPort"] = resource.WhmEndpoint.Property(EndpointProperty.Port);
            context.EnvironmentVariables[prefix + "WebmailPort"] = resource.WebmailEndpoint.Property(EndpointProperty.Port);
            context.EnvironmentVariables[prefix + "PinnedCertificateSha256__0"] = resource.CertificateSha256;
            context.EnvironmentVariables[prefix + "Auth"] = "WhmToken";
            context.EnvironmentVariables[prefix + "UserName"] = "root";
            context.EnvironmentVariables[prefix + "Secret"] = "env:CPANEL_EMULATOR_WHM_TOKEN";
            context.EnvironmentVariables["CPANEL_EMULATOR_WHM_TOKEN"] = EmulatorRootToken;
            context.EnvironmentVariables["Fleet__Routes__0__Domain"] = "*";
            context.EnvironmentVariables["Fleet__Routes__0__Server"] = resource.Name;
        });
    }
}
