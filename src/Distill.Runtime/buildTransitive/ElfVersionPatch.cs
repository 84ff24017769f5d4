// Compiled by MSBuild's RoslynCodeTaskFactory (see Distill.Runtime.targets). Marks one
// version requirement of an ELF64 little-endian shared library weak, so that the dynamic
// loader accepts a libstdc++ that lacks that version. Only the requirement's flags change.
using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public class DistillMarkGlibcxxWeak : Task
{
    [Required] public ITaskItem[] Files { get; set; }
    [Required] public string Version { get; set; }
    [Required] public string AllowedSymbol { get; set; }
    public bool Always { get; set; }

    const uint ShtDynsym = 11, ShtGnuVerneed = 0x6ffffffe, ShtGnuVersym = 0x6fffffff;
    const ushort VerFlgWeak = 0x2;

    public override bool Execute()
    {
        if (!Always && SystemLibStdCxxHas(Version))
        {
            Log.LogMessage(MessageImportance.Low, "Distill: system libstdc++ provides " + Version + "; nothing to patch.");
            return true;
        }
        foreach (var item in Files)
        {
            try { Patch(item.ItemSpec); }
            catch (Exception e) { Log.LogWarning("Distill: could not patch " + item.ItemSpec + ": " + e.Message); }
        }
        return !Log.HasLoggedErrors;
    }

    static bool SystemLibStdCxxHas(string version)
    {
        string[] candidates = {
            "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib/aarch64-linux-gnu/libstdc++.so.6",
            "/usr/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6" };
        var needle = Encoding.ASCII.GetBytes(version + "\0");
        foreach (var path in candidates)
        {
            if (!File.Exists(path)) continue;
            var bytes = File.ReadAllBytes(path);
            return IndexOf(bytes, needle) >= 0;
        }
        return true; // no libstdc++ where we know to look: leave the library alone
    }

    static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (int i = 0; i <= haystack.Length - needle.Length; i++)
        {
            int j = 0;
            while (j < needle.Length && haystack[i + j] == needle[j]) j++;
            if (j == needle.Length) return i;
        }
        return -1;
    }

    void Patch(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 64 || bytes[0] != 0x7f || bytes[1] != (byte)'E' || bytes[4] != 2 || bytes[5] != 1)
        {
            Log.LogWarning("Distill: " + path + " is not a 64-bit little-endian ELF file; left alone.");
            return;
        }
        long shoff = BitConverter.ToInt64(bytes, 0x28);
        int shentsize = BitConverter.ToUInt16(bytes, 0x3a), shnum = BitConverter.ToUInt16(bytes, 0x3c);
        long verneedOff = -1, verneedLink = 0, verneedCount = 0, dynsymOff = -1, dynsymSize = 0, dynsymLink = 0, versymOff = -1;
        for (int i = 0; i < shnum; i++)
        {
            long sh = shoff + (long)i * shentsize;
            uint type = BitConverter.ToUInt32(bytes, (int)sh + 4);
            long off = BitConverter.ToInt64(bytes, (int)sh + 0x18), size = BitConverter.ToInt64(bytes, (int)sh + 0x20);
            uint link = BitConverter.ToUInt32(bytes, (int)sh + 0x28), info = BitConverter.ToUInt32(bytes, (int)sh + 0x2c);
            if (type == ShtGnuVerneed) { verneedOff = off; verneedLink = link; verneedCount = info; }
            else if (type == ShtDynsym) { dynsymOff = off; dynsymSize = size; dynsymLink = link; }
            else if (type == ShtGnuVersym) { versymOff = off; }
        }
        if (verneedOff < 0 || dynsymOff < 0 || versymOff < 0)
        {
            Log.LogWarning("Distill: " + path + " has no symbol versioning sections; left alone.");
            return;
        }
        long strtabOff = SectionOffset(bytes, shoff, shentsize, verneedLink);
        long dynstrOff = SectionOffset(bytes, shoff, shentsize, dynsymLink);

        long entry = verneedOff;
        for (int n = 0; n < verneedCount; n++)
        {
            int cnt = BitConverter.ToUInt16(bytes, (int)entry + 2);
            uint aux = BitConverter.ToUInt32(bytes, (int)entry + 8), next = BitConverter.ToUInt32(bytes, (int)entry + 12);
            long a = entry + aux;
            for (int k = 0; k < cnt; k++)
            {
                ushort flags = BitConverter.ToUInt16(bytes, (int)a + 4), other = BitConverter.ToUInt16(bytes, (int)a + 6);
                uint name = BitConverter.ToUInt32(bytes, (int)a + 8), anext = BitConverter.ToUInt32(bytes, (int)a + 12);
                if (CString(bytes, strtabOff + name) == Version)
                {
                    if ((flags & VerFlgWeak) != 0) return; // already patched
                    string offender = OtherUser(bytes, dynsymOff, dynsymSize, dynstrOff, versymOff, other);
                    if (offender != null)
                    {
                        Log.LogWarning("Distill: " + Path.GetFileName(path) + " needs " + Version + " for " + offender +
                                       ", not only " + AllowedSymbol + "; left alone. Install a newer libstdc++ instead.");
                        return;
                    }
                    var mark = BitConverter.GetBytes((ushort)(flags | VerFlgWeak));
                    bytes[a + 4] = mark[0]; bytes[a + 5] = mark[1];
                    WriteKeepingTimestamp(path, bytes);
                    Log.LogMessage(MessageImportance.Normal, "Distill: marked " + Version + " weak in " + path);
                    return;
                }
                a += anext;
            }
            if (next == 0) break;
            entry += next;
        }
    }

    string OtherUser(byte[] bytes, long dynsymOff, long dynsymSize, long dynstrOff, long versymOff, ushort versionIndex)
    {
        long count = dynsymSize / 24;
        for (long s = 0; s < count; s++)
        {
            ushort ver = (ushort)(BitConverter.ToUInt16(bytes, (int)(versymOff + 2 * s)) & 0x7fff);
            if (ver != versionIndex) continue;
            string name = CString(bytes, dynstrOff + BitConverter.ToUInt32(bytes, (int)(dynsymOff + 24 * s)));
            if (name != AllowedSymbol) return name;
        }
        return null;
    }

    static long SectionOffset(byte[] bytes, long shoff, int shentsize, long index) =>
        BitConverter.ToInt64(bytes, (int)(shoff + index * shentsize + 0x18));

    static string CString(byte[] bytes, long offset)
    {
        int end = (int)offset;
        while (bytes[end] != 0) end++;
        return Encoding.ASCII.GetString(bytes, (int)offset, end - (int)offset);
    }

    // A new file replaces the old one (so a hard link into the NuGet cache is never written
    // through), and the old timestamp is kept so incremental copies stay quiet.
    static void WriteKeepingTimestamp(string path, byte[] bytes)
    {
        var stamp = File.GetLastWriteTimeUtc(path);
        var temp = path + ".distill-tmp";
        File.WriteAllBytes(temp, bytes);
        File.SetLastWriteTimeUtc(temp, stamp);
        File.Delete(path);
        File.Move(temp, path);
    }
}
