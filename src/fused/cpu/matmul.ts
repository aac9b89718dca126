/**
 * C = A * B for strided Float32Array operands, summed as TF.js's cpu backend sums a matMul:
 * for each output, float64 over k ascending within blocks of 48 (MathBackendCPU.blockSize),
 * the blocks added into the float32 output. Any rounding of the reference is kept; only the
 * loop is faster (2 x 4 outputs per pass, so each loaded operand is used 4 or 2 times).
 *
 * A[i, k] = a[aOffset + i * aRow + k * aCol], B[k, j] = b[bOffset + k * bRow + j * bCol],
 * C[i, j] = c[cOffset + i * cRow + j], for i < m, j < n, k < depth.
 */

const f32 = Math.fround;
/** TF.js cpu backend's matMul block size. */
export const MATMUL_BLOCK = 48;

export interface Strided {
  data: Float32Array;
  offset: number;
  row: number;
  col: number;
}

export function matMul(
  a: Strided,
  b: Strided,
  c: Float32Array,
  cOffset: number,
  cRow: number,
  m: number,
  n: number,
  depth: number,
): void {
  if (n < 4) matMulNarrow(a, b, c, cOffset, cRow, m, n, depth);
  else matMulWide(a, b, c, cOffset, cRow, m, n, depth);
}

function matMulWide(
  a: Strided,
  b: Strided,
  c: Float32Array,
  cOffset: number,
  cRow: number,
  m: number,
  n: number,
  depth: number,
): void {
  for (let k0 = 0; k0 < depth; k0 += MATMUL_BLOCK) {
    const k1 = Math.min(k0 + MATMUL_BLOCK, depth);
    // The first block writes f32(0 + sum) over the zeroed output; later ones add into it.
    const first = k0 === 0;
    let i = 0;
    for (; i + 2 <= m; i += 2) {
      let j = 0;
      for (; j + 4 <= n; j += 4) block2x4(a, b, c, cOffset, cRow, i, j, k0, k1, first);
      for (; j < n; j++) {
        block1(a, b, c, cOffset + i * cRow + j, i, j, k0, k1, first);
        block1(a, b, c, cOffset + (i + 1) * cRow + j, i + 1, j, k0, k1, first);
      }
    }
    for (; i < m; i++) {
      for (let j = 0; j < n; j++) block1(a, b, c, cOffset + i * cRow + j, i, j, k0, k1, first);
    }
  }
}

/** matMul for narrow outputs (n < 4, e.g. the output layer): 4 rows per pass instead. */
export function matMulNarrow(
  a: Strided,
  b: Strided,
  c: Float32Array,
  cOffset: number,
  cRow: number,
  m: number,
  n: number,
  depth: number,
): void {
  for (let k0 = 0; k0 < depth; k0 += MATMUL_BLOCK) {
    const k1 = Math.min(k0 + MATMUL_BLOCK, depth);
    const first = k0 === 0;
    for (let j = 0; j < n; j++) {
      let i = 0;
      for (; i + 4 <= m; i += 4) block4x1(a, b, c, cOffset, cRow, i, j, k0, k1, first);
      for (; i < m; i++) block1(a, b, c, cOffset + i * cRow + j, i, j, k0, k1, first);
    }
  }
}

function block4x1(
  a: Strided,
  b: Strided,
  c: Float32Array,
  cOffset: number,
  cRow: number,
  i: number,
  j: number,
  k0: number,
  k1: number,
  first: boolean,
): void {
  const ad = a.data;
  const bd = b.data;
  const aRow = a.row;
  const aCol = a.col;
  let a0 = a.offset + i * aRow + k0 * aCol;
  let bk = b.offset + k0 * b.row + j * b.col;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let k = k0; k < k1; k++) {
    const w = bd[bk];
    s0 += ad[a0] * w;
    s1 += ad[a0 + aRow] * w;
    s2 += ad[a0 + 2 * aRow] * w;
    s3 += ad[a0 + 3 * aRow] * w;
    a0 += aCol;
    bk += b.row;
  }
  const r = cOffset + i * cRow + j;
  if (first) {
    c[r] = 0 + s0;
    c[r + cRow] = 0 + s1;
    c[r + 2 * cRow] = 0 + s2;
    c[r + 3 * cRow] = 0 + s3;
  } else {
    c[r] = f32(c[r] + s0);
    c[r + cRow] = f32(c[r + cRow] + s1);
    c[r + 2 * cRow] = f32(c[r + 2 * cRow] + s2);
    c[r + 3 * cRow] = f32(c[r + 3 * cRow] + s3);
  }
}

function block2x4(
  a: Strided,
  b: Strided,
  c: Float32Array,
  cOffset: number,
  cRow: number,
  i: number,
  j: number,
  k0: number,
  k1: number,
  first: boolean,
): void {
  const ad = a.data;
  const bd = b.data;
  const aCol = a.col;
  const bRow = b.row;
  const bCol = b.col;
  let a0 = a.offset + i * a.row + k0 * aCol;
  let a1 = a0 + a.row;
  let bk = b.offset + k0 * bRow + j * bCol;
  let s00 = 0;
  let s01 = 0;
  let s02 = 0;
  let s03 = 0;
  let s10 = 0;
  let s11 = 0;
  let s12 = 0;
  let s13 = 0;
  for (let k = k0; k < k1; k++) {
    const x0 = ad[a0];
    const x1 = ad[a1];
    const w0 = bd[bk];
    const w1 = bd[bk + bCol];
    const w2 = bd[bk + 2 * bCol];
    const w3 = bd[bk + 3 * bCol];
    s00 += x0 * w0;
    s01 += x0 * w1;
    s02 += x0 * w2;
    s03 += x0 * w3;
    s10 += x1 * w0;
    s11 += x1 * w1;
    s12 += x1 * w2;
    s13 += x1 * w3;
    a0 += aCol;
    a1 += aCol;
    bk += bRow;
  }
  const r0 = cOffset + i * cRow + j;
  const r1 = r0 + cRow;
  if (first) {
    c[r0] = 0 + s00;
    c[r0 + 1] = 0 + s01;
    c[r0 + 2] = 0 + s02;
    c[r0 + 3] = 0 + s03;
    c[r1] = 0 + s10;
    c[r1 + 1] = 0 + s11;
    c[r1 + 2] = 0 + s12;
    c[r1 + 3] = 0 + s13;
  } else {
    c[r0] = f32(c[r0] + s00);
    c[r0 + 1] = f32(c[r0 + 1] + s01);
    c[r0 + 2] = f32(c[r0 + 2] + s02);
    c[r0 + 3] = f32(c[r0 + 3] + s03);
    c[r1] = f32(c[r1] + s10);
    c[r1 + 1] = f32(c[r1 + 1] + s11);
    c[r1 + 2] = f32(c[r1 + 2] + s12);
    c[r1 + 3] = f32(c[r1 + 3] + s13);
  }
}

function block1(
  a: Strided,
  b: Strided,
  c: Float32Array,
  at: number,
  i: number,
  j: number,
  k0: number,
  k1: number,
  first: boolean,
): void {
  const ad = a.data;
  const bd = b.data;
  let ak = a.offset + i * a.row + k0 * a.col;
  let bk = b.offset + k0 * b.row + j * b.col;
  let sum = 0;
  for (let k = k0; k < k1; k++) {
    sum += ad[ak] * bd[bk];
    ak += a.col;
    bk += b.row;
  }
  // Stored into a Float32Array, so rounded once either way (0 + sum: -0 becomes 0 as there).
  c[at] = first ? 0 + sum : f32(c[at] + sum);
}
