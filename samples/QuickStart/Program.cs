// InProcValkey quick start: a Valkey 7.2-compatible store inside this process, no server to run.
// Run it with: dotnet run --project samples/QuickStart
using System.Buffers;
using System.Text;
using InProcValkey;

using var store = new ValkeyStore();      // 16 databases, real clock, active expiry in the background
var db = store.GetDatabase();             // the typed API over database 0 (like StackExchange.Redis's IDatabase)

// SET with a TTL, then GET.
db.StringSet("session:42", "alice", TimeSpan.FromMinutes(20));
Console.WriteLine($"SET session:42 alice EX 1200   -> GET session:42 = {db.StringGet("session:42")}");

// SET NX: only the first writer gets the lock.
bool first = db.StringSet("lock:report", "worker-1", TimeSpan.FromSeconds(30), When.NotExists);
bool second = db.StringSet("lock:report", "worker-2", TimeSpan.FromSeconds(30), When.NotExists);
Console.WriteLine($"SET lock:report ... NX twice    -> {first}, {second}; holder = {db.StringGet("lock:report")}");

// Binary keys and values; GET into a caller's buffer allocates nothing.
db.StringSet("blob"u8, [0x00, 0xFF, 0x10]);
var buffer = new ArrayBufferWriter<byte>();
bool found = db.StringGet("blob"u8, buffer);
Console.WriteLine($"GET blob into a buffer          -> found = {found}, bytes = {Convert.ToHexString(buffer.WrittenSpan)}");

// A counter.
long views = 0;
for (int i = 0; i < 3; i++)
{
    views = db.StringIncrement("page:views");
}
Console.WriteLine($"INCR page:views three times     -> {views}");

// Expiry on the real clock: a key with a 50 ms TTL is gone a moment later.
db.StringSet("flash", "now you see me", TimeSpan.FromMilliseconds(50));
Console.WriteLine($"SET flash ... PX 50             -> GET flash = {db.StringGet("flash")}");
Thread.Sleep(100);
Console.WriteLine($"100 ms later                    -> GET flash = {db.StringGet("flash") ?? "(nil)"}");

// Any command by name: replies come back as values, errors as error replies (not exceptions).
Console.WriteLine($"SET greeting hello GET          -> {store.Execute("SET", "greeting", "hello", "GET").ToString() ?? "(nil)"}");
Console.WriteLine($"SET greeting hola GET           -> {store.Execute("SET", "greeting", "hola", "GET")}");
Console.WriteLine($"EXISTS greeting session:42 nope -> {store.Execute("EXISTS", "greeting", "session:42", "nope")}");
Console.WriteLine($"DBSIZE                          -> {store.Execute("DBSIZE")}");
Console.WriteLine($"SET k v EX 0                    -> {store.Execute("SET", "k", "v", "EX", "0").ErrorMessage}");

// A session is like a connection: SELECT sticks to it.
var session = store.CreateSession();
session.Execute("SELECT", "1");
session.Execute("SET", "where", "database 1");
Console.WriteLine($"SELECT 1; SET where ...         -> db1 GET where = {store.GetDatabase(1).StringGet("where")}, db0 GET where = {db.StringGet("where") ?? "(nil)"}");
Console.WriteLine($"binary-safe Execute             -> {Encoding.UTF8.GetString(store.Execute("ECHO"u8.ToArray(), "héllo"u8.ToArray()).AsBytes()!)}");
