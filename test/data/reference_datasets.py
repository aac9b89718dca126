"""Independent reimplementation of src/data for three datasets and custom points, to pin their hashes.

Written from the spec in src/data (mulberry32, Box-Muller with the spare kept, generators,
Fisher-Yates shuffle, split, float32), not by translating the TypeScript line by line.
Run: /usr/bin/python3 test/data/reference_datasets.py  -> prints the hashes used in
test/data/dataset.test.ts.
"""
import math
import struct

M = 0xFFFFFFFF


class Random:
    def __init__(self, seed):
        self.state = seed & M
        self.spare = None

    def next(self):
        self.state = (self.state + 0x6D2B79F5) & M
        t = self.state
        t = (t ^ (t >> 15)) * (t | 1) & M
        t ^= (t + ((t ^ (t >> 7)) * (t | 61) & M)) & M
        return ((t ^ (t >> 14)) & M) / 4294967296

    def uniform(self, low, high):
        return low + (high - low) * self.next()

    def int(self, n):
        return math.floor(self.next() * n)

    def normal(self):
        if self.spare is not None:
            value, self.spare = self.spare, None
            return value
        radius = math.sqrt(-2 * math.log(1 - self.next()))
        angle = 2 * math.pi * self.next()
        self.spare = radius * math.sin(angle)
        return radius * math.cos(angle)


def circle(n, noise, rng):
    zeros = n // 2
    xs, ys = [], []
    for count, (r_min, r_max), label in ((zeros, (0.7, 1.0), 0), (n - zeros, (0.0, 0.5), 1)):
        for _ in range(count):
            r = rng.uniform(r_min, r_max)
            a = rng.uniform(0, 2 * math.pi)
            xs += [r * math.cos(a) + noise * rng.normal(), r * math.sin(a) + noise * rng.normal()]
            ys.append(label)
    return xs, ys, 2


def xor(n, noise, rng):
    zeros = n // 2
    xs, ys = [], []
    for i in range(n):
        label = 0 if i < zeros else 1
        a = rng.uniform(0.05, 1) * (-1 if rng.next() < 0.5 else 1)
        sign = math.copysign(1, a) * (1 if label == 1 else -1)
        b = sign * rng.uniform(0.05, 1)
        xs += [a + noise * rng.normal(), b + noise * rng.normal()]
        ys.append(label)
    return xs, ys, 2


def sine(n, noise, rng):
    xs, ys = [], []
    for _ in range(n):
        a = rng.uniform(-1, 1)
        xs.append(a)
        ys.append(math.sin(math.pi * a) + noise * rng.normal())
    return xs, ys, 1


def custom_classification():
    """The 50 points test/data/custom-dataset.test.ts gives: (x1, x2, label) on a lattice."""
    points = [(((i * 37) % 50) / 25 - 1, ((i * 11) % 50) / 25 - 1, 1 if i % 3 == 0 else 0)
              for i in range(50)]

    def given(n, noise, rng):  # custom points take no draws from the random stream
        assert n == len(points)
        return [v for p in points for v in p[:2]], [p[2] for p in points], 2
    return given


def custom_regression():
    """The 40 points the test gives: (x, 3 x^2)."""
    xs = [((i * 13) % 40) / 20 - 1 for i in range(40)]

    def given(n, noise, rng):
        assert n == len(xs)
        return list(xs), [x * x * 3 for x in xs], 1
    return given


def dataset(generator, n, noise, fraction, seed):
    rng = Random(seed)
    xs, ys, dims = generator(n, noise, rng)
    order = list(range(n))
    for i in range(n - 1, 0, -1):
        j = rng.int(i + 1)
        order[i], order[j] = order[j], order[i]
    n_val = math.floor(n * fraction)
    n_train = n - n_val
    parts = []
    for lo, hi in ((0, n_train), (n_train, n)):
        parts.append([xs[order[i] * dims + d] for i in range(lo, hi) for d in range(dims)])
        parts.append([ys[order[i]] for i in range(lo, hi)])
    # train.x, train.y, validation.x, validation.y as float32 bytes
    return b"".join(struct.pack(f"<{len(p)}f", *p) for p in parts)


def fnv1a(data):
    h = 0x811C9DC5
    for byte in data:
        h = ((h ^ byte) * 0x01000193) & M
    return h


for name, gen in (("circle", circle), ("xor", xor), ("sine", sine)):
    for seed in (1, 7):
        print(name, seed, hex(fnv1a(dataset(gen, 200, 0.1, 0.25, seed))))
for name, gen, n in (("custom classification", custom_classification(), 50),
                     ("custom regression", custom_regression(), 40)):
    for seed in (1, 7):
        print(name, seed, hex(fnv1a(dataset(gen, n, 0, 0.3, seed))))
