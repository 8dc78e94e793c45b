/**
 * Dense kernels on row-major Float64Arrays. These are the hot loops of a SINDy fit: forming
 * the normal equations ΘᵀΘ costs n·p²/2 multiply-adds and is the floor of the whole fit,
 * so they are written as plain indexed loops with no allocation inside.
 */

/**
 * Gram matrix G = ΘᵀΘ.
 * theta: n × p row-major; returns G: p × p row-major (full, symmetric).
 */
export function gram(theta: Float64Array, n: number, p: number, out = new Float64Array(p * p)): Float64Array {
  out.fill(0);
  // Accumulate the upper triangle row by row of Θ: each sample contributes its outer product.
  for (let i = 0; i < n; i++) {
    const base = i * p;
    for (let a = 0; a < p; a++) {
      const va = theta[base + a]!;
      if (va === 0) continue;
      const ga = a * p;
      for (let b = a; b < p; b++) out[ga + b]! += va * theta[base + b]!;
    }
  }
  for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) out[a * p + b] = out[b * p + a]!;
  return out;
}

/**
 * Cross product C = Θᵀ Y.
 * theta: n × p, y: n × m (both row-major); returns C: p × m row-major.
 */
export function crossProduct(
  theta: Float64Array, y: Float64Array, n: number, p: number, m: number,
  out = new Float64Array(p * m),
): Float64Array {
  out.fill(0);
  for (let i = 0; i < n; i++) {
    const tb = i * p;
    const yb = i * m;
    for (let a = 0; a < p; a++) {
      const va = theta[tb + a]!;
      if (va === 0) continue;
      const ob = a * m;
      for (let j = 0; j < m; j++) out[ob + j]! += va * y[yb + j]!;
    }
  }
  return out;
}

/**
 * Solve (G_SS + ridge·I) x = c_S for the support S (indices into a p × p Gram matrix)
 * by Cholesky factorisation. Returns null when the system is not positive definite
 * (collinear columns and no ridge). k = |S| is small, so the O(k³) work is negligible.
 */
export function solveSubsystem(
  g: Float64Array, p: number, support: ArrayLike<number>, c: Float64Array, cStride: number, cCol: number,
  ridge: number,
): Float64Array | null {
  const k = support.length;
  const a = new Float64Array(k * k);
  const x = new Float64Array(k);
  for (let r = 0; r < k; r++) {
    const sr = support[r]!;
    for (let s = 0; s < k; s++) a[r * k + s] = g[sr * p + support[s]!]!;
    a[r * k + r]! += ridge;
    x[r] = c[sr * cStride + cCol]!;
  }
  return choleskySolveInPlace(a, k, x) ? x : null;
}

/** Cholesky A = LLᵀ in place (lower triangle), then solves A x = b in place. False if A is not SPD. */
export function choleskySolveInPlace(a: Float64Array, k: number, b: Float64Array): boolean {
  if (!choleskyFactor(a, k)) return false;
  choleskySolveFactored(a, k, b);
  return true;
}

/** Cholesky A = LLᵀ in place: the lower triangle of `a` (k × k) becomes L. False if not SPD. */
export function choleskyFactor(a: Float64Array, k: number): boolean {
  let maxDiag = 0;
  for (let i = 0; i < k; i++) maxDiag = Math.max(maxDiag, Math.abs(a[i * k + i]!));
  const tiny = maxDiag * 1e-14;
  for (let j = 0; j < k; j++) {
    let d = a[j * k + j]!;
    for (let q = 0; q < j; q++) d -= a[j * k + q]! * a[j * k + q]!;
    if (!(d > tiny)) return false;
    const ljj = Math.sqrt(d);
    a[j * k + j] = ljj;
    for (let i = j + 1; i < k; i++) {
      let s = a[i * k + j]!;
      for (let q = 0; q < j; q++) s -= a[i * k + q]! * a[j * k + q]!;
      a[i * k + j] = s / ljj;
    }
  }
  return true;
}

/** Solve LLᵀ x = b in place, L from choleskyFactor. */
export function choleskySolveFactored(l: Float64Array, k: number, b: Float64Array): void {
  for (let i = 0; i < k; i++) {
    let s = b[i]!;
    for (let q = 0; q < i; q++) s -= l[i * k + q]! * b[q]!;
    b[i] = s / l[i * k + i]!;
  }
  for (let i = k - 1; i >= 0; i--) {
    let s = b[i]!;
    for (let q = i + 1; q < k; q++) s -= l[q * k + i]! * b[q]!;
    b[i] = s / l[i * k + i]!;
  }
}
