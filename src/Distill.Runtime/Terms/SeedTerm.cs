using System;
using System.Collections.Generic;
using TorchSharp;
using static TorchSharp.torch;

namespace Distill.Runtime.Terms
{
    /// <summary>
    /// SEED: soft cross-entropy between the teacher's and the student's similarity distributions over
    /// [own teacher embedding, queue of K past teacher embeddings]. The term owns the FIFO queue: it is
    /// used before the update, and updated with the batch's normalised teacher rows after the forward
    /// (training mode only). The queue is state: <see cref="LossTerm.State"/> / <see cref="LossTerm.LoadState"/>.
    /// </summary>
    [DistillTerm("seed", Gather = GatherMode.Global, Description = "Self-supervised distillation: soft cross-entropy over similarities to a queue of teacher embeddings.",
        Paper = "Fang et al., SEED: Self-supervised Distillation for Visual Representation, ICLR 2021; code: jacobswan1/SEED seed/builder.py")]
    [TermInput("student", "embedding", TapParameter = "at", Description = "Student embeddings N×D (before normalisation).")]
    [TermInput("teacher", "embedding", TapParameter = "at", Description = "Teacher embeddings N×D (constant).")]
    public sealed class SeedTerm : FeatureTerm
    {
        /// <summary>Seed of the queue's random initialisation (randn, then rows normalised).</summary>
        public const ulong QueueSeed = 0x5EED;

        /// <summary>
        /// The longest queue, 2²⁰ = 16 × the paper's 65,536: a queue of K rows costs K·D elements plus the K·(2N + 16)
        /// score buffer each step (at D = 128, N = 256 and float32: 512 MiB + 2.1 GiB), and K·D products per row.
        /// </summary>
        public const int MaxQueue = 1 << 20;

        private Tensor? _queue;
        private long _ptr;

        /// <summary>Whether this step's forward built an autograd graph that saved the queue (the graph path).</summary>
        private bool _graphHoldsQueue;

        [TermParameter(Name = "student_temp", Default = 0.2, Min = 0, MinExclusive = true, Description = "Student temperature τ_s.")]
        public double StudentTemp { get; set; } = 0.2;

        [TermParameter(Name = "teacher_temp", Default = 1e-4, Min = 0, MinExclusive = true, Description = "Teacher temperature τ_t.")]
        public double TeacherTemp { get; set; } = 1e-4;

        [TermParameter(Name = "queue", Default = 65536, Min = 1, Max = MaxQueue,
            Description = "Queue length K (a multiple of the batch size); memory K·D for the queue plus K·(2N + 16) for the scores, in elements.")]
        public int Queue { get; set; } = 65536;

        /// <summary>The queue (K×D unit rows; null before first use) and the next row to overwrite.</summary>
        public Tensor? QueueRows => _queue;
        public long QueuePointer => _ptr;

        public override Tensor Forward(TermContext context)
        {
            var (student, teacher) = FeaturePair.Read(context, StudentInput, TeacherInput);
            TermChecks.SameShape(context, TeacherInput, teacher, StudentInput, student);
            long n = student.size(0);
            if (Queue % n != 0)
                throw context.Error(StudentInput, $"the queue size {Queue} must be a multiple of the batch size; got batch {TermChecks.Shape(student)}.");
            var queue = EnsureQueue(context, student);
            var s = SharedWork.Normalized(context, StudentInput, student, constant: false);
            var t = SharedWork.Normalized(context, TeacherInput, teacher, constant: true);
            return Fused ? FusedLoss(s, t, queue) : GraphLoss(s, t, queue);
        }

        /// <summary>
        /// Whether the CPU kernel (<see cref="SeedKernel"/>) evaluates float32/float64 CPU batches (the default),
        /// or every batch goes through the plain tensor graph. Both give the same loss and gradient; the switch
        /// exists for the tests and benchmarks that compare them.
        /// </summary>
        internal bool Fused { get; set; } = true;

        /// <summary>
        /// The loss as a graph of libtorch kernels: two N×(K+1) concatenations, a softmax and a log-softmax.
        /// Used on other devices and dtypes, and as the reference for <see cref="FusedLoss"/>.
        /// </summary>
        private Tensor GraphLoss(Tensor s, Tensor t, Tensor queue)
        {
            long n = s.size(0);
            _graphHoldsQueue = true;
            Tensor target;
            using (no_grad())
            {
                var zt = torch.cat([(t * t).sum(1, true), t.mm(queue.t())], 1).Over(TeacherTemp);
                target = zt.softmax(1);
            }
            var zs = torch.cat([(s * t).sum(1, true), s.mm(queue.t())], 1).Over(StudentTemp);
            return (target * zs.log_softmax(1)).sum().neg().Over(n);
        }

        /// <summary>
        /// The same loss from one K×D·D×2P product for both sides' queue scores (P = N padded to the kernel's
        /// lanes, written straight into the kernel's wider-strided buffer), the fused pass of
        /// <see cref="SeedKernel"/>, and the gradient dL/dŝ = G·Q + g₀·t̂ (one N×K·K×D product) handed to
        /// autograd as L + Σ (ŝ − detach ŝ)·dL/dŝ: its value is exactly L and its gradient dL/dŝ. Falls back
        /// to <see cref="GraphLoss"/> where the kernel does not apply.
        /// </summary>
        private Tensor FusedLoss(Tensor s, Tensor t, Tensor queue)
        {
            if (!SeedKernel.Applies(s, queue))
                return GraphLoss(s, t, queue);
            return s.dtype == ScalarType.Float32 ? FusedLoss<float>(s, t, queue) : FusedLoss<double>(s, t, queue);
        }

        private Tensor FusedLoss<T>(Tensor s, Tensor t, Tensor queue)
            where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        {
            int n = (int)s.size(0), p = SeedKernel.Padded<T>(n);
            bool withGrad = s.requires_grad && is_grad_enabled();
            Tensor loss, gradient;
            using (no_grad())
            {
                var detached = s.detach();
                var pad = zeros([p - n, s.size(1)], s.dtype, s.device);
                var rows = torch.cat([detached, pad, t, pad]);
                var buffer = empty([queue.size(0), SeedKernel.Stride<T>(p)], s.dtype, s.device);
                var scores = buffer.narrow(1, 0, 2 * p);
                bool host = typeof(T) == typeof(float) && HostGemm.Enabled;
                if (host)
                    HostGemm.Multiply(HostArrays.Read<float>(queue), (int)queue.size(1), HostArrays.Span<float>(rows.t().contiguous()), 2 * p,
                        HostArrays.Span<float>(buffer), SeedKernel.Stride<T>(p), (int)queue.size(0), 2 * p, (int)queue.size(1), subtract: false, workers: get_num_threads());
                else
                    scores.addmm_(queue, rows.t(), 0, 1);
                var posS = new T[p];
                var posT = new T[p];
                HostArrays.Copy<T>((detached * t).sum(1)).CopyTo(posS, 0);
                HostArrays.Copy<T>((t * t).sum(1)).CopyTo(posT, 0);
                // Padding lanes: zero rows score 0 everywhere; a positive of 1 puts their teacher arguments as far
                // below the maximum as real rows' are, so they do not stop the kernel's underflow skip.
                Array.Fill(posT, T.One, n, p - n);
                var gradPos = withGrad ? new T[p] : null;
                T invTs = T.One / T.CreateChecked(StudentTemp), invTt = T.One / T.CreateChecked(TeacherTemp);
                double total = SeedKernel.Run(buffer, n, posS, posT, invTs, invTt, gradPos, invTs / T.CreateChecked(n), get_num_threads());
                loss = HostArrays.Scalar(total / n, s);
                if (gradPos is null) return loss;
                if (host)
                {
                    // dL/dŝ = Sᵀ·Q with S the student columns of the scores, read in place as a transposed operand.
                    gradient = empty([n, queue.size(1)], s.dtype, s.device);
                    HostGemm.Multiply(HostArrays.Span<float>(buffer), SeedKernel.Stride<T>(p), HostArrays.Read<float>(queue), (int)queue.size(1),
                        HostArrays.Span<float>(gradient), (int)queue.size(1), n, (int)queue.size(1), (int)queue.size(0), subtract: false, transposedA: true, workers: get_num_threads());
                }
                else
                    gradient = scores.narrow(1, 0, n).t().mm(queue);
                gradient.addcmul_(HostArrays.ToTensor(gradPos, [p, 1]).narrow(0, 0, n), t, Scalars.One);
            }
            return TermMath.WithGradient(loss, s, gradient);
        }

        /// <summary>
        /// Writes this batch's normalised teacher rows at the pointer and advances it (FIFO ring). After the
        /// graph path the update goes to a copy, because that forward's graph still holds the old queue for the
        /// backward pass; after the fused path (gradient already computed, nothing saved) it is done in place,
        /// which spares a K×D copy a step (32 MiB at the default K = 65,536, D = 128).
        /// </summary>
        public override void AfterForward(TermContext context)
        {
            var teacher = TermChecks.Features(context, TeacherInput);
            var t = SharedWork.Normalized(context, TeacherInput, teacher, constant: true);
            // A batch with a NaN or ±Inf teacher row is not enqueued at all (with the objective's finite check off,
            // it reaches here): one such row would turn every later batch's loss into NaN until it left the queue.
            if (!t.isfinite().all().item<bool>()) return;
            var queue = EnsureQueue(context, t);
            long n = t.size(0);
            if (_graphHoldsQueue)
            {
                var updated = queue.clone().DetachFromDisposeScope();
                queue.Dispose();
                _queue = queue = updated;
                _graphHoldsQueue = false;
            }
            using (no_grad())
                queue.narrow(0, _ptr, n).copy_(t);
            _ptr = (_ptr + n) % queue.size(0);
        }

        /// <summary>"queue" (the live K×D tensor; each training step updates or replaces it, so clone to keep it) and "queue_ptr" (int64 scalar).</summary>
        public override IEnumerable<KeyValuePair<string, Tensor>> State
        {
            get
            {
                if (_queue is null) yield break;
                yield return new("queue", _queue);
                yield return new("queue_ptr", tensor(_ptr));
            }
        }

        public override void LoadState(IReadOnlyDictionary<string, Tensor> state, Device device)
        {
            if (!state.TryGetValue("queue", out var queue) || !state.TryGetValue("queue_ptr", out var ptr))
                throw new ArgumentException("seed state needs 'queue' and 'queue_ptr'.", nameof(state));
            if (queue.dim() != 2 || queue.size(0) != Queue)
                throw new ArgumentException($"seed state: expected a queue of {Queue} rows, got [{string.Join(", ", queue.shape)}].", nameof(state));
            long p = ptr.to_type(ScalarType.Int64).item<long>();
            if (p < 0 || p >= Queue)
                throw new ArgumentException($"seed state: queue_ptr {p} is outside [0, {Queue}).", nameof(state));
            _queue?.Dispose();
            _queue = queue.detach().to(device).clone().DetachFromDisposeScope();
            _ptr = p;
        }

        private Tensor EnsureQueue(TermContext context, Tensor like)
        {
            if (_queue is null)
            {
                using var scope = NewDisposeScope();
                using var generator = new Generator(QueueSeed, CPU);
                var rows = randn([Queue, like.size(1)], ScalarType.Float64, generator: generator);
                _queue = TermMath.L2Normalize(rows).to(like.dtype, context.Device).DetachFromDisposeScope();
            }
            if (_queue.size(1) != like.size(1))
                throw context.Error(TeacherInput, $"expected embeddings of width {_queue.size(1)} (the queue's), got {TermChecks.Shape(like)}.");
            if (_queue.dtype != like.dtype || _queue.device_type != like.device_type || _queue.device_index != like.device_index)
            {
                var moved = _queue.to(like.dtype, like.device).DetachFromDisposeScope();
                _queue.Dispose();
                _queue = moved;
            }
            return _queue;
        }
    }
}
