"""Golden values for the official-code options (schema kd-golden/1, written to options.json beside this file).

Run once with python3-torch (Debian: python3-torch libopenblas0-pthread):

    /usr/bin/python3 tests/Distill.Runtime.Tests/Golden/options_golden.py [path/to/reference]

Cases, float64, gradients by torch autograd:
  rkd_distance_squared  lenscloth/RKD metric/utils.py pdist(e, squared=True): the clamped squared distances
                        (diagonal 0) divided by their mean over the positive entries, then RkdDistance's
                        smooth-L1 (written out below; the reference has only the unsquared distance)
  cc_bilinear           CCKD's bilinear kernel k(u_i, u_j) = u_iᵀu_j on the L2-normalised rows (Peng et al.
                        2019, §3.3, beside the Gaussian RBF), MSE between the two kernels (written out below)
  cc_teacher_grad       reference losses.cc_loss(detach_teacher=False): gradients reach the teacher too
  sp_teacher_grad       reference losses.sp_gram on both sides without detaching the teacher
"""
import json
import os
import sys

import torch

sys.path.insert(0, sys.argv[1] if len(sys.argv) > 1 else "/work/shared/reference")
import losses as L  # noqa: E402


def squared_pdist(e, eps=1e-12):
    sq = (e * e).sum(dim=1)
    d2 = (sq.view(-1, 1) + sq.view(1, -1) - 2.0 * (e @ e.t())).clamp(min=eps)
    return torch.where(torch.eye(e.shape[0], dtype=torch.bool), torch.zeros_like(d2), d2)


def rkd_distance_squared(student, teacher):
    def normalised(e):
        d = squared_pdist(e)
        return d / d[d > 0].mean()
    with torch.no_grad():
        td = normalised(teacher)
    return torch.nn.functional.smooth_l1_loss(normalised(student), td)


def cc_bilinear(student, teacher):
    us, ut = L.l2_normalize(student), L.l2_normalize(teacher.detach())
    return ((us @ us.t() - ut @ ut.t()) ** 2).mean()


def sp_teacher_grad(student, teacher):
    n = student.shape[0]
    diff = L.sp_gram(teacher) - L.sp_gram(student)
    return (diff * diff).sum() / (n * n)


def tensor(t):
    return {"shape": list(t.shape), "dtype": "float64", "data": [float(x) for x in t.detach().reshape(-1)]}


def case(name, seed, note, params, f, ns, ds, dt, teacher_grad, duplicate=False):
    g = torch.Generator().manual_seed(seed)
    s = torch.randn(ns, ds, dtype=torch.float64, generator=g)
    t = torch.randn(ns, dt, dtype=torch.float64, generator=g)
    if duplicate:
        s[3], t[3] = s[1], t[1]
    s.requires_grad_(True)
    t.requires_grad_(teacher_grad)
    loss = f(s, t)
    loss.backward()
    grads = {"student": tensor(s.grad)}
    if teacher_grad:
        grads["teacher"] = tensor(t.grad)
    return {"name": name, "seed": seed, "note": note, "params": params,
            "inputs": {"student": tensor(s), "teacher": tensor(t)},
            "outputs": {"loss": loss.item()}, "grads": grads}


def main():
    cases = [
        case("rkd_distance_squared", 7001, "pdist(squared=True)", {"squared": True}, rkd_distance_squared, 7, 5, 4, False),
        case("rkd_distance_squared_duplicate", 7002, "duplicate rows on both sides: clamped 1e-12, counted in the mean",
             {"squared": True}, rkd_distance_squared, 6, 4, 3, False, duplicate=True),
        case("cc_bilinear", 7003, "bilinear kernel on unit rows", {"kernel": "bilinear"}, cc_bilinear, 6, 5, 3, False),
        case("cc_teacher_grad", 7004, "Gaussian RBF, gamma 0.4, P 2, teacher not detached",
             {"gamma": 0.4, "p_order": 2, "detach_teacher": False},
             lambda s, t: L.cc_loss(s, t, 0.4, 2, detach_teacher=False), 6, 5, 4, True),
        case("cc_bilinear_teacher_grad", 7005, "bilinear kernel, teacher not detached",
             {"kernel": "bilinear", "detach_teacher": False},
             lambda s, t: ((L.l2_normalize(s) @ L.l2_normalize(s).t() - L.l2_normalize(t) @ L.l2_normalize(t).t()) ** 2).mean(),
             5, 4, 6, True),
        case("sp_teacher_grad", 7006, "teacher not detached", {"detach_teacher": False}, sp_teacher_grad, 6, 5, 7, True),
    ]
    doc = {"format": "kd-golden/1", "term": "options", "set": "public",
           "description": "official-code options: RKD squared distances, CC bilinear kernel, teacher gradients for cc and sp",
           "generator": "tests/Distill.Runtime.Tests/Golden/options_golden.py", "reference": "reference/losses.py",
           "torch_version": torch.__version__, "compute_dtype": "float64", "grads_of": "outputs.loss",
           "grad_inputs": ["student", "teacher"], "cases": cases}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "options.json")
    with open(path, "w") as f:
        json.dump(doc, f, indent=1)
    for c in cases:
        print(c["name"], c["outputs"]["loss"])


if __name__ == "__main__":
    main()
