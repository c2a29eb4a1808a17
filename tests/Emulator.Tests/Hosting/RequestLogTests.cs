using CpanelSessionOps.Emulator.Seed;
using CpanelSessionOps.Emulator.Tests.Support;

namespace CpanelSessionOps.Emulator.Tests.Hosting;

public sealed class RequestLogTests : FreshEmulatorTest
{
    private const string MailUser = "create_webmail_session_for_mail_user";

    [Fact]
    public async Task Request_Answered_IsLoggedBeforeTheClientHasTheAnswer()
    {
        // The log's waiter holds the logging of the request; while it does, the client must not have its answer (then a
        // caller that counts requests right after a call never misses the last one). With the answer sent before the
        // request is logged, the client completes within the hold; with it held, the hold runs out first.
        using var logging = new ManualResetEventSlim();
        var calling = new TaskCompletionSource<Task<ApiResponse>>(TaskCreationOptions.RunContinuationsAsynchronously);
        bool? answeredWhileLogging = null;
        var waiting = Emulator.Requests.WaitForAsync(entry =>
        {
            if (entry.Function != MailUser)
            {
                return false;
            }

            logging.Set();
            answeredWhileLogging = calling.Task.Wait(TimeSpan.FromMinutes(1)) && calling.Task.Result.Wait(TimeSpan.FromSeconds(2));
            return true;
        });

        var call = Client.UapiAsync(MailUser, "login=alice&domain=example.com", EmulatorTestClient.CpanelToken(DefaultSeed.DemoUser, DefaultSeed.DemoToken));
        calling.SetResult(call);
        var response = await call.WaitAsync(TimeSpan.FromMinutes(1));
        var entry = await waiting.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.True(logging.IsSet);
        Assert.False(answeredWhileLogging);
        Assert.Equal(200, (int)response.Status);
        Assert.Equal((MailUser, 200), (entry.Function, entry.StatusCode));
    }
}
