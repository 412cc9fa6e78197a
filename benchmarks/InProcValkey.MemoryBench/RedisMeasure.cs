namespace InProcValkey.MemoryBench;

/// <summary>Loads the data set into a fresh redis-server (pipelined SETs) and reads INFO memory before and after.</summary>
internal static class RedisMeasure
{
    private const int Batch = 1000;

    public static Measurement Run(string binary, int count, bool ttl, out string version)
    {
        using var server = RedisServer.Start(binary);
        version = server.Version();
        var client = server.Client;
        long usedBefore = server.InfoNumber("memory", "used_memory");
        long rssBefore = server.InfoNumber("memory", "used_memory_rss");

        byte[] set = "SET"u8.ToArray();
        byte[] ex = "EX"u8.ToArray();
        byte[] seconds = System.Text.Encoding.ASCII.GetBytes(((long)Dataset.Ttl.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var key = new byte[32];
        var value = new byte[Dataset.ValueSize];
        var args = new ReadOnlyMemory<byte>[ttl ? 5 : 3];
        int sent = 0;
        for (int i = 1; i <= count; i++)
        {
            int n = Dataset.Key(i, key);
            Dataset.Value(i, value);
            args[0] = set;
            args[1] = key.AsMemory(0, n);
            args[2] = value;
            if (ttl)
            {
                args[3] = ex;
                args[4] = seconds;
            }
            client.Write(args);
            if (++sent == Batch || i == count)
            {
                client.Flush();
                for (int r = 0; r < sent; r++)
                {
                    client.ReadReply();
                }
                sent = 0;
            }
        }

        long keys = (long)client.Call("DBSIZE")!;
        if (keys != count)
        {
            throw new InvalidOperationException($"redis-server holds {keys} keys, expected {count}.");
        }
        long usedAfter = server.InfoNumber("memory", "used_memory");
        long rssAfter = server.InfoNumber("memory", "used_memory_rss");
        return new Measurement(
            $"redis-server {version}",
            ttl,
            (usedAfter - usedBefore) / (double)count,
            double.NaN,
            (rssAfter - rssBefore) / (double)count);
    }
}
