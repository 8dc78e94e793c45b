/**
 * The lessons as the menu and the link codec know them: ids, titles, one line each. Their
 * steps (the texts, most of the bytes) are in content.ts, loaded when a lesson opens, so a
 * visitor who never opens one does not download them.
 */
import type { Lesson, LessonInfo } from './types';

export type { Lesson, LessonId, LessonInfo, LessonStep } from './types';

export const LESSONS: readonly LessonInfo[] = Object.freeze([
  { id: 'sparsity', title: 'Sparsity: the threshold', summary: 'Lorenz: drag the threshold until the true seven terms remain, then too far.' },
  { id: 'noise', title: 'Noise breaks derivatives', summary: 'Finite differences, smoothing and the weak form as the noise grows; ends in the noise lab.' },
  { id: 'library', title: 'The library: a pendulum needs sin', summary: 'Polynomials only imitate the pendulum; a Fourier library finds its law.' },
  { id: 'beyond-sindy', title: 'Beyond SINDy: a law no library holds', summary: "Kidger's rational oscillator: what SINDy cannot express, and what can find it." },
  { id: 'real-data', title: 'Real data: lynx and hares', summary: "Hudson's Bay Company pelts 1900–1920: what 21 samples can and cannot support." },
] satisfies LessonInfo[]);

export function getLessonInfo(id: string): LessonInfo | undefined {
  return LESSONS.find((l) => l.id === id);
}

/** A link's step is read within 1 … this; the lesson, once loaded, checks it against its own steps. */
export const MAX_LESSON_STEPS = 20;

const loaded = new Map<string, Lesson>();
let content: Promise<typeof import('./content')> | null = null;

/** The lesson with its steps (the content chunk is fetched once). */
export async function loadLesson(id: string): Promise<Lesson | undefined> {
  const info = getLessonInfo(id);
  if (!info) return undefined;
  content ??= import('./content');
  const { STEPS } = await content;
  const lesson: Lesson = { ...info, steps: STEPS[info.id] };
  loaded.set(id, lesson);
  return lesson;
}

/** The lesson if it has been loaded already (for rendering without waiting), else undefined. */
export function peekLesson(id: string): Lesson | undefined {
  return loaded.get(id);
}
