using StackExchange.Redis;

namespace InProcValkey.Testing;

/// <summary>Settings of a <see cref="ValkeyTestServer"/>.</summary>
public sealed class ValkeyTestServerOptions
{
    /// <summary>The protocol the kit's <see cref="ValkeyTestServer.Multiplexer"/> speaks (HELLO 3 for RESP3); RESP2 by default.</summary>
    public RedisProtocol Protocol { get; set; } = RedisProtocol.Resp2;

    /// <summary>
    /// The clock of the server: TTLs, active expiry, blocking timeouts, TIME, OBJECT IDLETIME and delayed replies. Null (the
    /// default) creates a <c>FakeTimeProvider</c> set to the current UTC time (whole seconds), exposed as
    /// <see cref="ValkeyTestServer.Time"/>, which only moves when the test advances it.
    /// </summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Valkey's <c>databases</c>: how many databases the server has (16).</summary>
    public int Databases { get; set; } = 16;

    /// <summary>
    /// Strict cluster mode: a command whose keys hash to different slots fails with <c>CROSSSLOT Keys in request don't hash to
    /// the same slot</c>, SELECT of a database other than 0 fails, and CLUSTER KEYSLOT answers, as on a Valkey cluster node.
    /// The client still sees a standalone server.
    /// </summary>
    public bool ClusterStrict { get; set; }

    /// <summary>The seed of the server's randomness (RANDOMKEY, SRANDMEMBER, …) and of random fault rules: runs repeat.</summary>
    public int Seed { get; set; }

    /// <summary>The client name the kit's connections set (CLIENT SETNAME), seen in the <see cref="CommandLog"/>.</summary>
    public string ClientName { get; set; } = "inprocvalkey-test";

    /// <summary>Changes to the StackExchange.Redis configuration of each connection the kit makes (after the kit's own
    /// settings: endpoint, tunnel, protocol, client name).</summary>
    public Action<ConfigurationOptions>? ConfigureConnection { get; set; }
}
