"""Float32 near zero: kd, sskd and bake where student and teacher agree up to per-row logit shifts.

Run once with python3-torch (Debian: python3-torch libopenblas0-pthread):

    /usr/bin/python3 tests/Distill.Runtime.Tests/Golden/near_zero_float32.py [path/to/reference]

It builds the inputs of FloatNearZeroTests.cs by the same integer formulas (exact in float32 and
float64, so both sides see identical tensors), and prints for each case the float64 loss of the
float32 inputs (the truth, from reference/losses.py in float64) and the loss PyTorch itself computes
in float32 (losses.py on the float32 tensors), and |error| of three float32 KL forms. The first two
numbers are pasted into FloatNearZeroTests.cs.
"""
import sys

import torch

sys.path.insert(0, sys.argv[1] if len(sys.argv) > 1 else "/work/shared/reference")
import losses as L  # noqa: E402


def logits(rows, classes, salt):
    """Element k = i·classes + j: (h mod 2²⁰)/2¹⁶ − 8 with h = ((k + 1000·salt)·2654435761) mod 2³²,
    a multiple of 2⁻¹⁶ in [−8, 8): integer arithmetic below 2⁵³, so exact in float64 and float32."""
    k = torch.arange(rows * classes, dtype=torch.int64).reshape(rows, classes)
    h = torch.remainder((k + 1000 * salt) * 2654435761, 2 ** 32)
    return torch.remainder(h, 2 ** 20).double() / 2 ** 16 - 8


def shifts(rows, scale):
    """Per-row shifts (((7919 i) mod 2001) − 1000)·scale/1000 + 1/3: large and not representable."""
    i = torch.arange(rows, dtype=torch.float64).unsqueeze(1)
    return (torch.remainder(7919 * i, 2001) - 1000) * (scale / 1000) + 1.0 / 3


def shifted(t32, scale):
    """The student: float32(t + shift), rounded once."""
    return (t32.double() + shifts(t32.shape[0], scale)).float()


def report(name, f, *inputs32):
    truth = f(*[x.double() for x in inputs32]).item()
    ours32 = f(*inputs32).item()
    print(f"{name}: float64 truth {truth!r}, PyTorch float32 {ours32!r} (|err| {abs(ours32 - truth):.2e})")


def kd_forms(s, t, T):
    """|error| of the two-sum form, torch's kl_div form and the log-target form, all float32."""
    truth = L.kd_loss(s.double(), t.double(), T).item()
    p, lq, lp = torch.softmax(t / T, 1), torch.log_softmax(s / T, 1), torch.log_softmax(t / T, 1)
    two_sum = (torch.xlogy(p, p).sum() - (p * lq).sum()).item() * T * T / s.shape[0]
    kl_div = torch.nn.functional.kl_div(lq, p, reduction="sum").item() * T * T / s.shape[0]
    log_target = torch.nn.functional.kl_div(lq, lp, reduction="sum", log_target=True).item() * T * T / s.shape[0]
    print(f"   float32 |err|: two sums {abs(two_sum - truth):.2e}, kl_div {abs(kl_div - truth):.2e}, log-target {abs(log_target - truth):.2e}")


def main():
    print("torch", torch.__version__)
    # name, rows, classes, T, shift scale, logit factor (a power of 2, exact), salt
    for name, rows, classes, T, scale, factor, salt in [("kd_256x100_T4_salt5", 256, 100, 4.0, 1000.0, 1, 5),
                                                        ("kd_64x100_T4_salt4", 64, 100, 4.0, 1000.0, 2, 4),
                                                        ("kd_32x100_T4_salt7", 32, 100, 4.0, 1000.0, 2, 7),
                                                        ("kd_8x10_T1_salt5", 8, 10, 1.0, 8000.0, 1, 5)]:
        t = (logits(rows, classes, salt) * factor).float()
        s = shifted(t, scale)
        report(name, lambda s_, t_: L.kd_loss(s_, t_, T), s, t)
        kd_forms(s, t, T)

    # sskd: B = 16 images (64 rows), C = 100, D = 32; student = teacher + per-row shift, projections x4 (exact).
    t = logits(64, 100, 11).float()
    s = shifted(t, 1000.0)
    tp = logits(64, 32, 3).float()
    sp = tp * 4
    y = torch.remainder(torch.arange(16) * 13, 100)
    report("sskd_16", lambda a, b, c, d: L.sskd_loss(a, b, y, c, d)["loss"], s, t, sp, tp)

    # bake: omega = 0 gives Q = P and L = 0 exactly in math; logits shifted per row by up to 1000.
    z = shifted(logits(32, 100, 7).float(), 1000.0)
    f = logits(32, 16, 1).float()
    report("bake_32x100_omega0", lambda a, b: L.bake_loss(a, b, T=4.0, omega=0.0), z, f)


if __name__ == "__main__":
    main()
