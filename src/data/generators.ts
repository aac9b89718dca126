/**
 * Point generators, one per dataset type. Each writes `count` points into plain number arrays
 * in float64; the caller shuffles, splits and converts to Float32Array. Inputs live roughly in
 * [-1, 1] per axis so the same init and learning rates suit every dataset. `noise` is the std
 * of Gaussian noise added to the inputs (classification) or to the target (regression).
 */
import type { Random } from './random';
import type { DatasetType } from '../protocol/experiment';
import type { TaskKind } from '../protocol/api';

export interface RawPoints {
  /** count * inputDims inputs, row-major. */
  x: number[];
  y: number[];
}

export interface Generator {
  task: TaskKind;
  inputDims: number;
  generate(count: number, noise: number, random: Random): RawPoints;
}

/** Class 0 gets floor(count/2) points, class 1 the rest, so classes are balanced. */
function classCounts(count: number): [number, number] {
  const zeros = Math.floor(count / 2);
  return [zeros, count - zeros];
}

function pushNoisy(
  points: RawPoints,
  a: number,
  b: number,
  label: number,
  noise: number,
  random: Random,
): void {
  points.x.push(a + noise * random.normal(), b + noise * random.normal());
  points.y.push(label);
}

/** Class 1: a disc of radius 0.5; class 0: a ring between radii 0.7 and 1. */
const circle: Generator = {
  task: 'binary',
  inputDims: 2,
  generate(count, noise, random) {
    const points: RawPoints = { x: [], y: [] };
    const [zeros, ones] = classCounts(count);
    const ring = (n: number, rMin: number, rMax: number, label: number) => {
      for (let i = 0; i < n; i++) {
        const r = random.uniform(rMin, rMax);
        const angle = random.uniform(0, 2 * Math.PI);
        pushNoisy(points, r * Math.cos(angle), r * Math.sin(angle), label, noise, random);
      }
    };
    ring(zeros, 0.7, 1, 0);
    ring(ones, 0, 0.5, 1);
    return points;
  },
};

/** Quadrants: label 1 where x and y have the same sign. Points keep a 0.05 margin off the axes. */
const xor: Generator = {
  task: 'binary',
  inputDims: 2,
  generate(count, noise, random) {
    const points: RawPoints = { x: [], y: [] };
    const [zeros, ones] = classCounts(count);
    const coordinate = () => random.uniform(0.05, 1) * (random.next() < 0.5 ? -1 : 1);
    for (let i = 0; i < zeros + ones; i++) {
      const label = i < zeros ? 0 : 1;
      const a = coordinate();
      const sign = Math.sign(a) * (label === 1 ? 1 : -1);
      const b = sign * random.uniform(0.05, 1);
      pushNoisy(points, a, b, label, noise, random);
    }
    return points;
  },
};

/** Two isotropic blobs of std 0.25 centred at (-0.5, -0.5) (class 0) and (0.5, 0.5) (class 1). */
const gaussian: Generator = {
  task: 'binary',
  inputDims: 2,
  generate(count, noise, random) {
    const points: RawPoints = { x: [], y: [] };
    const [zeros, ones] = classCounts(count);
    const spread = 0.25;
    for (let i = 0; i < zeros + ones; i++) {
      const label = i < zeros ? 0 : 1;
      const centre = label === 1 ? 0.5 : -0.5;
      pushNoisy(
        points,
        centre + spread * random.normal(),
        centre + spread * random.normal(),
        label,
        noise,
        random,
      );
    }
    return points;
  },
};

/** Two interleaved arms, 1.75 turns each, radius growing linearly to 1; class 1 is rotated by pi. */
const spiral: Generator = {
  task: 'binary',
  inputDims: 2,
  generate(count, noise, random) {
    const points: RawPoints = { x: [], y: [] };
    const arm = (n: number, offset: number, label: number) => {
      for (let i = 0; i < n; i++) {
        const t = i / n;
        const r = 0.05 + 0.95 * t;
        const angle = 1.75 * 2 * Math.PI * t + offset;
        pushNoisy(points, r * Math.sin(angle), r * Math.cos(angle), label, noise, random);
      }
    };
    const [zeros, ones] = classCounts(count);
    arm(zeros, 0, 0);
    arm(ones, Math.PI, 1);
    return points;
  },
};

/**
 * scikit-learn's make_moons (upper moon class 0, lower class 1) with the angle drawn uniformly,
 * centred and scaled by 0.8: x spans [-1.2, 1.2], y spans [-0.6, 0.6] before noise.
 */
const moons: Generator = {
  task: 'binary',
  inputDims: 2,
  generate(count, noise, random) {
    const points: RawPoints = { x: [], y: [] };
    const [zeros, ones] = classCounts(count);
    const scale = 0.8;
    for (let i = 0; i < zeros + ones; i++) {
      const label = i < zeros ? 0 : 1;
      const t = random.uniform(0, Math.PI);
      // make_moons: outer (cos t, sin t); inner (1 - cos t, 0.5 - sin t). Centre is (0.5, 0.25).
      const a = label === 0 ? Math.cos(t) : 1 - Math.cos(t);
      const b = label === 0 ? Math.sin(t) : 0.5 - Math.sin(t);
      pushNoisy(points, scale * (a - 0.5), scale * (b - 0.25), label, noise, random);
    }
    return points;
  },
};

/** A 4 x 4 board of 0.5-wide cells over [-1, 1]^2; label 1 on cells where floor(2x)+floor(2y) is even. */
const checkerboard: Generator = {
  task: 'binary',
  inputDims: 2,
  generate(count, noise, random) {
    const points: RawPoints = { x: [], y: [] };
    const [zeros, ones] = classCounts(count);
    for (let i = 0; i < zeros + ones; i++) {
      const label = i < zeros ? 0 : 1;
      // Pick a cell of the wanted colour, then a point inside it (so classes stay balanced).
      const cx = random.int(4);
      let cy = random.int(4);
      if ((cx + cy + label + 1) % 2 !== 0) cy = (cy + 1) % 4;
      const a = -1 + 0.5 * (cx + random.next());
      const b = -1 + 0.5 * (cy + random.next());
      pushNoisy(points, a, b, label, noise, random);
    }
    return points;
  },
};

/** 1-D regression: y = sin(pi x) + noise for x uniform in [-1, 1]. */
const sine: Generator = {
  task: 'regression',
  inputDims: 1,
  generate(count, noise, random) {
    const points: RawPoints = { x: [], y: [] };
    for (let i = 0; i < count; i++) {
      const a = random.uniform(-1, 1);
      points.x.push(a);
      points.y.push(Math.sin(Math.PI * a) + noise * random.normal());
    }
    return points;
  },
};

/** 2-D regression: y = (x1 + x2) / 2 + noise over [-1, 1]^2. */
const plane: Generator = {
  task: 'regression',
  inputDims: 2,
  generate(count, noise, random) {
    const points: RawPoints = { x: [], y: [] };
    for (let i = 0; i < count; i++) {
      const a = random.uniform(-1, 1);
      const b = random.uniform(-1, 1);
      points.x.push(a, b);
      points.y.push((a + b) / 2 + noise * random.normal());
    }
    return points;
  },
};

export const GENERATORS: Record<DatasetType, Generator> = {
  circle,
  xor,
  gaussian,
  spiral,
  moons,
  checkerboard,
  sine,
  plane,
};
