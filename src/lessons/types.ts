/**
 * A guided lesson: a few steps, each a short text, the configuration it applies, what to
 * look at and a question. Lessons are plain data (text and link parameters): the steps'
 * settings go through the URL codec (src/state/url.ts) like any shared link, so they are
 * validated by the same table (test/lessons/lessons.test.ts decodes every step without a
 * note and checks on the engine that each step shows what its text claims).
 */

/** The lessons' ids: `?lesson=<id>` in a link. */
export type LessonId = 'sparsity' | 'noise' | 'library' | 'beyond-sindy' | 'real-data';

export interface LessonStep {
  title: string;
  /** paragraphs; `$…$` is inline LaTeX (rendered by KaTeX), the rest plain text */
  text: readonly string[];
  /**
   * The configuration the step applies, as link parameters ('sys=lorenz&noise=1&thr=0.1'; a
   * plus sign in a value is written %2B, as in any query string).
   * Everything it does not name opens at its default, so a step always looks the same,
   * whatever the step before it left behind.
   */
  link: string;
  /** what to look at: an element by its data-testid (outlined while the step shows), and its name in words */
  look: { testId: string; label: string };
  /** a question to think about (plain text, may hold `$…$`) */
  question: string;
}

/** What the lessons menu and the link codec know of a lesson (catalog.ts, in the first bundle). */
export interface LessonInfo {
  id: LessonId;
  title: string;
  /** one line for the lessons menu */
  summary: string;
}

/** A lesson with its steps (the steps are loaded when a lesson opens: content.ts). */
export interface Lesson extends LessonInfo {
  steps: readonly LessonStep[];
}
