/**
 * A vector field with parameters, dy/dt = f(y; θ), and its vector–Jacobian product: the one
 * interface through which the neural ODE trainer, the discrete adjoint of RK4 and the
 * fine-tuning of symbolic constants see a model. The MLP (`mlp.ts`) implements it; so does a
 * symbolic expression with fitted constants (the lead's adapter) and the linear test double
 * (`linearField.ts`).
 *
 * Contract:
 * - `eval(y, θ, out)`: out ← f(y; θ). y, out: nStates; θ: nParams.
 * - `vjp(y, θ, gOut, gY, gθ)`: with J_y = ∂f/∂y and J_θ = ∂f/∂θ at (y, θ),
 *     gY += J_yᵀ gOut   (nStates)    and    gθ += J_θᵀ gOut   (nParams).
 *   Both are ACCUMULATED into (never overwritten), so a caller sums contributions of many
 *   points without extra buffers. gOut is read only.
 * - Neither call allocates: scratch buffers live inside the object, so an instance is not
 *   re-entrant (one per worker / trainer).
 * - The field is autonomous (no t): the systems SINDy looks for are.
 * - Optional tape (a field whose reverse pass needs its forward pass, like the MLP): with
 *   `tapeSize` numbers per evaluation, `evalTape` is `eval` that also records in
 *   tape[offset … offset + tapeSize) what `vjpTape` needs to run the reverse pass at the same
 *   point without recomputing. Callers that differentiate every point they evaluated (the RK4
 *   adjoint) use it when present; all three or none must be given.
 */
export interface ParamVectorField {
  readonly nStates: number;
  readonly nParams: number;
  eval(y: Float64Array, theta: Float64Array, out: Float64Array): void;
  vjp(y: Float64Array, theta: Float64Array, gOut: Float64Array, gY: Float64Array, gTheta: Float64Array): void;
  readonly tapeSize?: number;
  evalTape?(y: Float64Array, theta: Float64Array, out: Float64Array, tape: Float64Array, offset: number): void;
  vjpTape?(tape: Float64Array, offset: number, theta: Float64Array, gOut: Float64Array, gY: Float64Array, gTheta: Float64Array): void;
}

/** A field and its parameters, e.g. a trained neural ODE or a fitted symbolic model. */
export interface FittedField {
  field: ParamVectorField;
  /** θ: field.nParams (the caller's copy; changing it changes the model) */
  theta: Float64Array;
}
