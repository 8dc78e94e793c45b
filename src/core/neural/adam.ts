/**
 * Adam (Kingma & Ba, ICLR 2015): per-parameter steps from bias-corrected running means of the
 * gradient (m) and of its square (v):
 *   m ← β₁ m + (1 − β₁) g,   v ← β₂ v + (1 − β₂) g²
 *   θ ← θ − lr · m̂ / (√v̂ + ε),   m̂ = m / (1 − β₁ᵗ),  v̂ = v / (1 − β₂ᵗ).
 * The state is explicit and allocation-free per step.
 */
export interface AdamState {
  /** first and second moments: nParams each */
  m: Float64Array;
  v: Float64Array;
  /** steps taken */
  t: number;
  beta1: number;
  beta2: number;
  eps: number;
}

export function createAdam(nParams: number, beta1 = 0.9, beta2 = 0.999, eps = 1e-8): AdamState {
  return { m: new Float64Array(nParams), v: new Float64Array(nParams), t: 0, beta1, beta2, eps };
}

/** One Adam update of theta (in place) with gradient g and learning rate lr. */
export function adamStep(s: AdamState, theta: Float64Array, g: Float64Array, lr: number): void {
  const { m, v, beta1, beta2, eps } = s;
  s.t++;
  const c1 = 1 / (1 - beta1 ** s.t);
  const c2 = 1 / (1 - beta2 ** s.t);
  for (let i = 0; i < theta.length; i++) {
    const gi = g[i]!;
    const mi = beta1 * m[i]! + (1 - beta1) * gi;
    const vi = beta2 * v[i]! + (1 - beta2) * gi * gi;
    m[i] = mi;
    v[i] = vi;
    theta[i] = theta[i]! - (lr * mi * c1) / (Math.sqrt(vi * c2) + eps);
  }
}
