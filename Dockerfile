# The GitHub Action's image. It sits at the repository root because the runner builds with the Dockerfile's folder as context.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
COPY . /src
RUN dotnet publish /src/action/CpanelSessionOps.Action.csproj -c Release -o /app --nologo \
    && rm -f /app/*.pdb

FROM mcr.microsoft.com/dotnet/runtime:10.0 AS runtime
# No USER and no WORKDIR: GitHub runs Docker actions as root with the workspace mounted at /github/workspace.
COPY --from=build /app /app
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
ENTRYPOINT ["dotnet", "/app/CpanelSessionOps.Action.dll"]
