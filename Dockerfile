# The GitHub Action's image, built and pushed to ghcr.io by .github/workflows/release.yml on a version tag; action.yml
# runs that prebuilt image. It sits at the repository root because the build context is the whole repository.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
COPY . /src
# ReadyToRun (precompiled code) for a fast start; framework-dependent on the final stage's shared frameworks.
RUN dotnet publish /src/action/CpanelSessionOps.Action.csproj -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o /app --nologo \
    && rm -f /app/*.pdb

# aspnet, not runtime: the program hosts the cPanel emulator for `demo`, so it needs Microsoft.AspNetCore.App as well as
# Microsoft.NETCore.App. tests/Action.Tests/ContainerImageTests.cs compares the published frameworks with this line.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# No USER and no WORKDIR: GitHub runs Docker actions as root with the workspace mounted at /github/workspace.
COPY --from=build /app /app
# One CPU from the first seconds (docs/benchmarks.md, "One CPU from the start"): count calls for tier-up from the first
# call. By default the runtime waits 100 ms after the last tier-0 JIT before counting, ten times longer when it sees one
# CPU, and a busy start keeps re-arming that wait, so hot code stays unoptimised. Only an environment variable sets it;
# dynamic PGO is off in the csproj (TieredPGO).
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_TC_CallCountingDelayMs=0
ENTRYPOINT ["dotnet", "/app/CpanelSessionOps.Action.dll"]
