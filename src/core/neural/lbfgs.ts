/**
 * L-BFGS (Liu & Nocedal 1989; Nocedal & Wright, "Numerical Optimization", Alg. 7.4 and 7.5)
 * with a backtracking Armijo line search, for the few constants of a symbolic model: the
 * direction d = −H g from the last `memory` pairs (s, y) = (θ_{k+1} − θ_k, g_{k+1} − g_k)
 * by the two-loop recursion, H₀ = (sᵀy / yᵀy) I; a pair is kept only if sᵀy > 0, so H stays
 * positive definite. Steppable: one call is one iteration (one direction, a few loss
 * evaluations). The objective returns NaN where it cannot be evaluated (a diverging solve):
 * the line search then backtracks.
 */

/** f(θ) and, into grad, ∇f(θ) (grad overwritten); NaN when θ is unusable. */
export type Objective = (theta: Float64Array, grad: Float64Array) => number;

export interface LbfgsState {
  theta: Float64Array;
  grad: Float64Array;
  loss: number;
  /** pairs, newest last */
  s: Float64Array[];
  y: Float64Array[];
  memory: number;
  iteration: number;
  /** why it stopped: '' while running */
  stopped: '' | 'converged' | 'line_search_failed';
  // scratch
  readonly dir: Float64Array;
  readonly trial: Float64Array;
  readonly trialGrad: Float64Array;
  readonly alpha: Float64Array;
}

const ARMIJO = 1e-4;
const MAX_BACKTRACKS = 30;

export function lbfgsInit(f: Objective, theta0: Float64Array, memory = 10): LbfgsState {
  const n = theta0.length;
  const theta = Float64Array.from(theta0);
  const grad = new Float64Array(n);
  const loss = f(theta, grad);
  return {
    theta, grad, loss, s: [], y: [], memory, iteration: 0, stopped: Number.isFinite(loss) ? '' : 'line_search_failed',
    dir: new Float64Array(n), trial: new Float64Array(n), trialGrad: new Float64Array(n), alpha: new Float64Array(memory),
  };
}

/** One iteration; gradTol: stop when max |g_i| ≤ gradTol. */
export function lbfgsStep(f: Objective, st: LbfgsState, gradTol = 1e-10): LbfgsState {
  if (st.stopped) return st;
  const n = st.theta.length;
  if (maxAbs(st.grad) <= gradTol) { st.stopped = 'converged'; return st; }
  direction(st);
  let slope = dot(st.grad, st.dir, n);
  if (!(slope < 0)) {
    // not a descent direction (numerical trouble): restart from steepest descent
    st.s.length = 0; st.y.length = 0;
    for (let i = 0; i < n; i++) st.dir[i] = -st.grad[i]!;
    slope = dot(st.grad, st.dir, n);
  }
  // the first step of a fresh memory is scaled to unit length
  let step = st.s.length === 0 ? Math.min(1, 1 / Math.sqrt(-slope)) : 1;
  for (let b = 0; b < MAX_BACKTRACKS; b++, step *= 0.5) {
    for (let i = 0; i < n; i++) st.trial[i] = st.theta[i]! + step * st.dir[i]!;
    const loss = f(st.trial, st.trialGrad);
    if (Number.isFinite(loss) && loss <= st.loss + ARMIJO * step * slope) {
      const s = new Float64Array(n), y = new Float64Array(n);
      for (let i = 0; i < n; i++) { s[i] = st.trial[i]! - st.theta[i]!; y[i] = st.trialGrad[i]! - st.grad[i]!; }
      if (dot(s, y, n) > 1e-300) {
        st.s.push(s); st.y.push(y);
        if (st.s.length > st.memory) { st.s.shift(); st.y.shift(); }
      }
      const decrease = st.loss - loss;
      st.theta.set(st.trial); st.grad.set(st.trialGrad); st.loss = loss;
      st.iteration++;
      if (decrease <= 1e-15 * Math.max(1, Math.abs(loss))) st.stopped = 'converged';
      return st;
    }
  }
  st.stopped = 'line_search_failed';
  return st;
}

/** d = −H g by the two-loop recursion. */
function direction(st: LbfgsState): void {
  const n = st.theta.length, k = st.s.length, d = st.dir, a = st.alpha;
  for (let i = 0; i < n; i++) d[i] = -st.grad[i]!;
  for (let j = k - 1; j >= 0; j--) {
    const s = st.s[j]!, y = st.y[j]!;
    a[j] = dot(s, d, n) / dot(y, s, n);
    for (let i = 0; i < n; i++) d[i] = d[i]! - a[j]! * y[i]!;
  }
  if (k > 0) {
    const s = st.s[k - 1]!, y = st.y[k - 1]!;
    const gamma = dot(s, y, n) / dot(y, y, n);
    for (let i = 0; i < n; i++) d[i] = d[i]! * gamma;
  }
  for (let j = 0; j < k; j++) {
    const s = st.s[j]!, y = st.y[j]!;
    const beta = dot(y, d, n) / dot(y, s, n);
    for (let i = 0; i < n; i++) d[i] = d[i]! + (a[j]! - beta) * s[i]!;
  }
}

function dot(a: Float64Array, b: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[i]! * b[i]!;
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]!));
  return m;
}
