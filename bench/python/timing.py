"""Wall-clock timing shared by the reference benchmarks: untimed warm-up, then the median step."""
import statistics
import time


def time_steps(step, warmup, steps, synchronize=lambda: None):
    """Runs `step` warmup + steps times; returns the timed steps' wall times in milliseconds."""
    for _ in range(warmup):
        step()
        synchronize()
    times = []
    for _ in range(steps):
        start = time.perf_counter()
        step()
        synchronize()
        times.append(1000 * (time.perf_counter() - start))
    return times


def median_ms(times):
    return statistics.median(times)
