"""
Reference timings for the lab's bench: one MAE training step in PyTorch and one Navier–Stokes
FNO-scheme step in numpy and PyTorch, the same work as the lab's (see mae_torch.py and
navier_stokes.py).

    python3 bench/python/reference.py --what mae-small,mae-paper,ns64,ns256 --device cuda|cpu --json

prints one JSON object {"torch": {...}, "numpy": {...}}; a part that cannot run is left out, with
"torchMissing" / "numpyMissing" saying why. --check-ns DIR also compares one NS step with the lab's
output written to DIR (input.npy, output.npy, setup.json).
"""
import argparse
import json
import os
import sys

# No __pycache__ in the working tree (it is not git-ignored).
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

MAE_PARTS = {"mae-tiny": ("maeTiny", "tiny"), "mae-small": ("maeSmall", "small"),
             "mae-paper": ("maePaper", "paper")}
# Batch and grid of each NS figure: the lab's bench generates 32 trajectories at 64².
NS_PARTS = {"ns64": ("ns64", 32, 64), "ns256": ("ns256", 4, 256)}
MAE_BATCH = 8


def parse_arguments():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--what", default="mae-small,ns64",
                        help="comma-separated: " + ",".join([*MAE_PARTS, *NS_PARTS]))
    parser.add_argument("--device", default="cpu", choices=["cpu", "cuda"])
    parser.add_argument("--json", action="store_true", help="print only the JSON object")
    parser.add_argument("--steps", type=int, default=3, help="timed MAE steps (after one warm-up)")
    parser.add_argument("--ns-steps", type=int, default=5, help="timed NS steps (after 2 warm-ups)")
    parser.add_argument("--check-ns", metavar="DIR", help="compare one NS step with the lab's")
    args = parser.parse_args()
    unknown = [w for w in args.what.split(",") if w not in MAE_PARTS and w not in NS_PARTS]
    if unknown:
        parser.error(f"unknown --what {', '.join(unknown)}")
    return args


def import_torch(device):
    """(torch, None) or (None, why not)."""
    try:
        import torch
    except Exception as error:  # ImportError, or a broken install failing on load
        return None, f"import torch failed: {error}"
    if device == "cuda" and not torch.cuda.is_available():
        return None, f"torch {torch.__version__} sees no CUDA device"
    return torch, None


def import_numpy():
    try:
        import numpy
    except Exception as error:
        return None, f"import numpy failed: {error}"
    return numpy, None


def torch_figures(torch, what, args, log):
    from mae_torch import time_training
    from navier_stokes import time_torch_step

    out = {"version": torch.__version__, "device": args.device, "threads": torch.get_num_threads(),
           "matmulGflops": matmul_gflops(torch, args.device), "blas": loaded_blas()}
    for part in what:
        if part in MAE_PARTS:
            key, preset = MAE_PARTS[part]
            out[key] = time_training(preset, args.device, MAE_BATCH, 1, args.steps)
        else:
            key, batch, n = NS_PARTS[part]
            out[key] = time_torch_step(batch, n, 2, args.ns_steps, args.device)
        log(f"torch {part}: {out[key]['msPerStep']:.1f} ms/step")
    return out


def matmul_gflops(torch, device, n=1024):
    """A float32 n² matmul's rate: says whether torch's BLAS is a tuned one (tens of GFLOP/s per core)."""
    from timing import median_ms, time_steps

    a = torch.randn(n, n, device=device)
    synchronize = torch.cuda.synchronize if device == "cuda" else (lambda: None)
    ms = median_ms(time_steps(lambda: a @ a, 1, 3, synchronize))
    return 2 * n**3 / (ms * 1e6)


def loaded_blas():
    """The BLAS libraries this process has loaded (Linux), e.g. Debian's reference libblas or OpenBLAS."""
    try:
        with open("/proc/self/maps") as maps:
            paths = {line.split()[-1] for line in maps if any(
                name in line.lower() for name in ("blas", "mkl"))}
    except OSError:
        return None
    return sorted(path for path in paths if path.startswith("/"))


def numpy_figures(numpy, what, args, log):
    from navier_stokes import time_numpy_step

    out = {"version": numpy.__version__}
    for part in what:
        if part in NS_PARTS:
            key, batch, n = NS_PARTS[part]
            out[key] = time_numpy_step(batch, n, 2, args.ns_steps)
            log(f"numpy {part}: {out[key]['msPerStep']:.1f} ms/step")
    return out


def main():
    args = parse_arguments()
    what = args.what.split(",")
    log = (lambda message: print(message, file=sys.stderr)) if args.json else print
    report = {}
    numpy, numpy_missing = import_numpy()
    torch, torch_missing = import_torch(args.device) if numpy else (None, "numpy is missing")
    if torch:
        report["torch"] = torch_figures(torch, what, args, log)
    else:
        report["torchMissing"] = torch_missing
    if numpy:
        report["numpy"] = numpy_figures(numpy, what, args, log)
    else:
        report["numpyMissing"] = numpy_missing
    if args.check_ns and numpy:
        from navier_stokes import check_against_lab

        report["nsCheck"] = check_against_lab(args.check_ns, args.device if torch else None)
    print(json.dumps(report, indent=None if args.json else 2))


if __name__ == "__main__":
    main()
