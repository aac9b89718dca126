/**
 * The batch-order section of an exported script: optim-lab's per-epoch shuffle (src/train/
 * batches.ts: a Fisher-Yates permutation driven by mulberry32, seeded by deriveSeed(shuffle
 * seed, epoch)) in a few lines of Python integer arithmetic.
 *
 * Reimplemented rather than embedded: the order of every epoch would be epochs x points
 * numbers (16,000 for 50 epochs of 320 points), dwarfing the rest of the script, while the
 * generator is 20 readable lines that work for any number of epochs. JavaScript's 32-bit
 * integer arithmetic is Python's masked to 32 bits: Math.imul(a, b) is (a * b) & MASK, and
 * `>>>` on a non-negative value is `>>`. The fixture test checks the orders agree.
 */
import { pyNumber } from './python';

export function batchOrderSection(shuffleSeed: number): string {
  return `# optim-lab shuffles the training set afresh every epoch with its own seeded generator, so
# every run, here as in the lab, sees the same mini-batches in the same order.
SHUFFLE_SEED = ${pyNumber(shuffleSeed)}
MASK = 0xFFFFFFFF  # JavaScript's 32-bit integer arithmetic


def imul(a, b):
    """JavaScript's Math.imul: the low 32 bits of a * b."""
    return (a * b) & MASK


def derive_seed(seed, stream):
    """optim-lab's deriveSeed: an unrelated 32-bit seed for each stream (here: each epoch)."""
    h = seed ^ imul(stream + 1, 0x9E3779B9)
    h = imul(h ^ (h >> 16), 0x85EBCA6B)
    h = imul(h ^ (h >> 13), 0xC2B2AE35)
    return h ^ (h >> 16)


def mulberry32(seed):
    """Uniform floats in [0, 1): Tommy Ettinger's mulberry32, as optim-lab's Random.next."""
    state = seed
    while True:
        state = (state + 0x6D2B79F5) & MASK
        t = imul(state ^ (state >> 15), state | 1)
        t ^= (t + imul(t ^ (t >> 7), t | 61)) & MASK
        yield (t ^ (t >> 14)) / 2**32


def epoch_order(epoch):
    """The order in which epoch \`epoch\` (0-based) visits the training points."""
    uniform = mulberry32(derive_seed(SHUFFLE_SEED, epoch))
    order = list(range(len(TRAIN_X)))
    for i in range(len(order) - 1, 0, -1):  # Fisher-Yates
        j = int(next(uniform) * (i + 1))
        order[i], order[j] = order[j], order[i]
    return order`;
}
