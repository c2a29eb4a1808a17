using CpanelSessionOps.Emulator.Seed;

namespace CpanelSessionOps.Emulator.Protocol;

/// <summary>Who a request authenticated as: a cPanel account on the cPanel port, a WHM user on the WHM port.</summary>
internal sealed record Caller(string User, AuthMethod Method, SeedAccount? Account, SeedWhmUser? WhmUser, State.LoggedInSession? BrowserSession = null);
