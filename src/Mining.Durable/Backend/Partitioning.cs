using System.Text;

namespace Mining.Durable.Backend;

/// <summary>Maps an instance id to its control-queue partition (FNV-1a of the UTF-8 id), stable across processes.</summary>
internal static class Partitioning
{
    public static int PartitionOf(string instanceId, int partitionCount)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(instanceId))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return (int)(hash % (uint)partitionCount);
    }
}
