"""Timing helpers shared by the benchmark scripts (standard library only, so
that the CTGAN side, run under its own interpreter, can use them too)."""

import resource
import statistics
import time

# CTGAN's default network sizes (batch 500, pac 10, 256-256, noise 128).
CTGAN_SHAPE = dict(batch_size=500, pac=10, generator_dims=(256, 256),
                   discriminator_dims=(256, 256), noise_dim=128)


def median_seconds(call, repeats=3):
    """Median wall time of ``call()`` over ``repeats`` runs, after one warm-up."""
    call()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def peak_rss_mib():
    """Peak resident memory of this process, in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
