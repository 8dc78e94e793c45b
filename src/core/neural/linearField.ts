/**
 * The linear field f(y; θ) = A y with θ = A (m × m, row-major): the smallest ParamVectorField,
 * used as a test double (its Jacobians are known in closed form) and as the model of a linear
 * oscillator in the trainer's tests.
 *   ∂f_i/∂y_k = A_ik,   ∂f_i/∂A_ik = y_k.
 */
import type { ParamVectorField } from './vectorField';

export function linearField(nStates: number): ParamVectorField {
  const m = nStates;
  return {
    nStates: m,
    nParams: m * m,
    eval(y, theta, out) {
      for (let i = 0; i < m; i++) {
        let s = 0;
        for (let k = 0; k < m; k++) s += theta[i * m + k]! * y[k]!;
        out[i] = s;
      }
    },
    vjp(y, theta, gOut, gY, gTheta) {
      for (let i = 0; i < m; i++) {
        const g = gOut[i]!;
        for (let k = 0; k < m; k++) {
          gY[k]! += theta[i * m + k]! * g;
          gTheta[i * m + k]! += g * y[k]!;
        }
      }
    },
  };
}
