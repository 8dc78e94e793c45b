/**
 * Results arrive layer by layer, so for a moment the store can hold new data beside
 * derivatives of the previous data (another system, another number of states). A panel pairs
 * them only when the derivatives were computed from this data: their layer key extends the
 * data's key, and their rows have the data's width.
 */
import type { DataPayload, DerivativePayload } from '../../worker/protocol';

export function derivativesOf(data: DataPayload | null, deriv: DerivativePayload | null): DerivativePayload | null {
  if (!data || !deriv || !deriv.key.startsWith(data.key)) return null;
  return deriv.dydt.length === deriv.t.length * data.stateNames.length ? deriv : null;
}
