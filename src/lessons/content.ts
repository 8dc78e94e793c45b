/** Every lesson's steps, by lesson id (loaded with the first lesson opened: catalog.ts's loadLesson). */
import { beyondSindySteps } from './beyondSindy';
import { librarySteps } from './library';
import { noiseSteps } from './noise';
import { realDataSteps } from './realData';
import { sparsitySteps } from './sparsity';
import type { LessonId, LessonStep } from './types';

export const STEPS: Readonly<Record<LessonId, readonly LessonStep[]>> = Object.freeze({
  sparsity: sparsitySteps,
  noise: noiseSteps,
  library: librarySteps,
  'beyond-sindy': beyondSindySteps,
  'real-data': realDataSteps,
});
