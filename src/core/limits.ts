/**
 * The shape in which every registry states a numeric setting's limits and default, and a
 * choice's id and label. The playground's controls, its URL codec, the CLI and the noise lab
 * all read these objects, so a limit is written once (STYLE §15).
 *
 * A limit is what those surfaces offer; it always lies inside what the engine's own validation
 * accepts (the engine keeps its wider bounds as a safety net for direct API callers).
 */

/**
 * A numeric setting: closed range [min, max], whole numbers only when `integer`, and its default.
 * [min, max] is what the playground's controls and links offer. Where the CLI deliberately takes
 * a wider range (a value typed on purpose, which a slider cannot reach or should not offer), the
 * entry says so in `typed`, with the reason: one entry, read by both surfaces.
 */
export interface NumericLimit {
  readonly min: number;
  readonly max: number;
  readonly integer?: boolean;
  readonly default: number;
  readonly typed?: TypedRange;
}

/** The wider range a typed interface (the CLI) accepts for a setting, and why it differs. */
export interface TypedRange {
  readonly min: number;
  readonly max: number;
  readonly why: string;
}

/** One option of a choice setting: the id stored in settings and links, the label shown. */
export interface Choice<T extends string = string> {
  readonly id: T;
  readonly label: string;
}

/** A frozen NumericLimit (registries freeze every entry, so no caller can widen a limit). */
export function limit(l: NumericLimit): NumericLimit {
  return Object.freeze({ ...l, ...(l.typed ? { typed: Object.freeze({ ...l.typed }) } : {}) });
}

/** The range the CLI accepts: the limit's `typed` range when it has one, else [min, max]. */
export function typedRange(l: NumericLimit): { min: number; max: number } {
  return l.typed ? { min: l.typed.min, max: l.typed.max } : { min: l.min, max: l.max };
}

/** True when v is a number within the limit (and whole when the limit is integer). */
export function withinLimit(v: number, l: NumericLimit): boolean {
  return Number.isFinite(v) && v >= l.min && v <= l.max && (!l.integer || Number.isInteger(v));
}
