using System;
using System.Runtime.InteropServices;

namespace Distill.Mpi
{
    /// <summary>
    /// The MPI C functions Distill calls, bound to Open MPI's libmpi.so.40. Open MPI's predefined handles
    /// (MPI_COMM_WORLD, MPI_DOUBLE, MPI_SUM, …) are the addresses of exported globals (<c>ompi_mpi_comm_world</c>,
    /// …), so they are looked up once with <see cref="NativeLibrary.GetExport"/>; MPI_IN_PLACE is (void*)1.
    /// MPICH-family libraries use integer handles and would need their own table here.
    /// </summary>
    internal static class MpiNative
    {
        public const string Library = "libmpi.so.40";
        public const int Success = 0;
        public static readonly nint InPlace = 1;

        private const int RtldNow = 2, RtldGlobal = 0x100;
        private static nint _handle;

        /// <summary>
        /// Loads libmpi with RTLD_GLOBAL (Open MPI's plugins, loaded later, resolve their symbols against it;
        /// .NET's own loading is RTLD_LOCAL) and looks up the handles. Throws <see cref="DllNotFoundException"/>
        /// with the package to install when the library is missing.
        /// </summary>
        public static void Load()
        {
            if (_handle != 0) return;
            _handle = dlopen(Library, RtldNow | RtldGlobal);
            if (_handle == 0)
                throw new DllNotFoundException($"{Library} could not be loaded ({Marshal.PtrToStringAnsi(dlerror()) ?? "no reason given"}); "
                    + "install Open MPI (apt-get install openmpi-bin libopenmpi-dev).");
            CommWorld = Export("ompi_mpi_comm_world");
            Byte = Export("ompi_mpi_byte");
            Float = Export("ompi_mpi_float");
            Double = Export("ompi_mpi_double");
            Int64 = Export("ompi_mpi_int64_t");
            Sum = Export("ompi_mpi_op_sum");
            ErrorsReturn = Export("ompi_mpi_errors_return");
        }

        public static nint CommWorld { get; private set; }
        public static nint Byte { get; private set; }
        public static nint Float { get; private set; }
        public static nint Double { get; private set; }
        public static nint Int64 { get; private set; }
        public static nint Sum { get; private set; }
        public static nint ErrorsReturn { get; private set; }

        private static nint Export(string name) => NativeLibrary.GetExport(_handle, name);

        [DllImport("libc", EntryPoint = "dlopen")]
        private static extern nint dlopen(string file, int mode);

        [DllImport("libc", EntryPoint = "dlerror")]
        private static extern nint dlerror();

        [DllImport(Library)] public static extern int MPI_Initialized(out int flag);
        [DllImport(Library)] public static extern int MPI_Finalized(out int flag);
        [DllImport(Library)] public static extern int MPI_Init(nint argc, nint argv);
        [DllImport(Library)] public static extern int MPI_Finalize();
        [DllImport(Library)] public static extern int MPI_Abort(nint comm, int errorcode);
        [DllImport(Library)] public static extern int MPI_Comm_rank(nint comm, out int rank);
        [DllImport(Library)] public static extern int MPI_Comm_size(nint comm, out int size);
        [DllImport(Library)] public static extern int MPI_Comm_set_errhandler(nint comm, nint errhandler);
        [DllImport(Library)] public static extern int MPI_Barrier(nint comm);
        [DllImport(Library)] public static extern int MPI_Bcast(ref byte buffer, int count, nint datatype, int root, nint comm);
        [DllImport(Library)] public static extern int MPI_Allreduce(nint sendbuf, ref byte recvbuf, int count, nint datatype, nint op, nint comm);
        [DllImport(Library)] public static extern int MPI_Allgather(long[] sendbuf, int sendcount, nint sendtype, long[] recvbuf, int recvcount, nint recvtype, nint comm);
        [DllImport(Library)] public static extern int MPI_Allgatherv(ref byte sendbuf, int sendcount, nint sendtype, ref byte recvbuf, int[] recvcounts, int[] displs, nint recvtype, nint comm);
        [DllImport(Library)] public static extern int MPI_Error_string(int errorcode, byte[] text, out int length);
    }
}
