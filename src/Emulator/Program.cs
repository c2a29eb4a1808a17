using CpanelSessionOps.Emulator.Hosting;

return await EmulatorCommand.RunAsync(args);
