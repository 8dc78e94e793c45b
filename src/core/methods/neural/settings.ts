/**
 * The neural-ODE method's settings, declared once as fields (page controls, link `m.<key>`, CLI
 * flags): the distillation (`symbolic`), the neural ODE's main settings with the ranges of
 * `neuralLimits` (core/neural/options.ts, the single source), the symbolic search's settings
 * (gp's own fields, shown when symbolic = gp), fine-tuning and the seed.
 */
import { neuralDefaults, neuralLimits, type NeuralOptions } from '../../neural/options';
import { ok, err, type Result } from '../../types';
import { gpDefaults, gpFields, parseOperators } from '../gp/info';
import { validateFields } from '../settings';
import type { MethodField } from '../types';

export type SymbolicChoice = 'sindy' | 'rational' | 'gp';

export interface NeuralMethodSettings {
  /** how the trained field becomes equations */
  symbolic: SymbolicChoice;
  width: number;
  depth: number;
  activation: NeuralOptions['activation'];
  steps: number;
  learningRate: number;
  /** samples per training segment at the end of the length ramp (neural segmentEnd) */
  segmentLength: number;
  batchSize: number;
  polishSteps: number;
  stepsPerSpacing: number;
  /** refit the formula's constants through the ODE solver against the trajectories */
  finetune: boolean;
  /** one seed for the network's initialisation, the minibatches and the search */
  seed: number;
  operators: string;
  maxsize: number;
  populations: number;
  iterations: number;
  tolerance: number;
}

/**
 * The symbolic search's formula choice on a neural field: the simplest formula within 2 % of
 * std(f_θ) of the best. Read off a trained network, the pairs carry the network's own error
 * (about 0.5–2 % of the field on the examples, test/core/neural), not a derivative estimate's
 * 0.1 %: gp's tolerance would pick 15-node formulas that fit the network's wiggles (Kidger's
 * y/(1 + y) sits at 5 nodes, 0.4 % of std(ẋ) from the best 17-node one).
 */
const NEURAL_TOLERANCE = 0.02;

export const neuralMethodDefaults: Readonly<NeuralMethodSettings> = Object.freeze({
  symbolic: 'gp',
  width: neuralDefaults.width,
  depth: neuralDefaults.depth,
  activation: neuralDefaults.activation,
  steps: neuralDefaults.steps,
  learningRate: neuralDefaults.learningRate,
  segmentLength: neuralDefaults.segmentEnd,
  batchSize: neuralDefaults.batchSize,
  polishSteps: neuralDefaults.polishSteps,
  stepsPerSpacing: neuralDefaults.stepsPerSpacing,
  finetune: true,
  seed: 0,
  operators: gpDefaults.operators,
  maxsize: gpDefaults.maxsize,
  populations: gpDefaults.populations,
  iterations: gpDefaults.iterations,
  tolerance: NEURAL_TOLERANCE,
});

type NeuralKey = keyof typeof neuralLimits;

/** A numeric field whose range is neuralLimits[key] (the trainer's own validation). */
function neuralField(key: keyof NeuralMethodSettings, limitKey: NeuralKey, label: string, help: string, extra: Partial<{ log: boolean; advanced: boolean; cli: string }> = {}): MethodField {
  const [min, max, integer] = neuralLimits[limitKey];
  return { key, label, help, kind: integer ? 'int' : 'number', min, max, ...extra } as MethodField;
}

const isGp = (s: Readonly<Record<string, unknown>>) => s.symbolic === 'gp';

export const neuralFields: readonly MethodField[] = Object.freeze([
  {
    key: 'symbolic', label: 'Equations from the network', kind: 'choice',
    choices: [
      { id: 'gp', label: 'Symbolic regression' },
      { id: 'rational', label: 'Rational SINDy' },
      { id: 'sindy', label: 'SINDy (library)' },
    ],
    help: 'How the trained network becomes equations: a symbolic search over the operators, sparse ratios of polynomials P/(1 + Q), or SINDy with the library and optimizer settings.',
  },
  neuralField('width', 'width', 'Network width', 'Neurons in each hidden layer of the network f_θ.'),
  neuralField('depth', 'depth', 'Hidden layers', 'Hidden layers of the network.', { advanced: true }),
  { key: 'activation', label: 'Activation', kind: 'choice', advanced: true, choices: [{ id: 'tanh', label: 'tanh' }, { id: 'softplus', label: 'softplus' }],
    help: 'The nonlinearity between the layers.' },
  neuralField('steps', 'steps', 'Training steps', 'Adam steps on random segments of the trajectories (an L-BFGS polish follows).', { log: true }),
  neuralField('learningRate', 'learningRate', 'Learning rate', 'Peak step size of Adam (after a short warm-up, decayed along a cosine).', { log: true, advanced: true }),
  neuralField('segmentLength', 'segmentEnd', 'Segment length', 'Samples per training segment: each segment starts at an observed state, so errors cannot grow over longer than this (multiple shooting).', { advanced: true }),
  neuralField('batchSize', 'batchSize', 'Batch size', 'Segments per training step.', { advanced: true, log: true }),
  neuralField('polishSteps', 'polishSteps', 'Polish steps', 'L-BFGS iterations on all segments after the Adam steps (0: none).', { advanced: true }),
  neuralField('stepsPerSpacing', 'stepsPerSpacing', 'RK4 steps per sample', 'Runge–Kutta sub-steps per median sample spacing while training.', { advanced: true }),
  { key: 'finetune', label: 'Fine-tune constants', kind: 'bool',
    help: 'Refit the equations\' constants by integrating them against the trajectories (gradients through the solver), after they are read off the network.' },
  { key: 'seed', label: 'Seed', kind: 'int', min: 0, max: 2 ** 31 - 1, advanced: true,
    help: 'Seed of the network\'s initial weights, the training segments and the search: the same seed and settings give the same equations.' },
  // the search runs in the method's own thread here: gp's `workers` is not offered
  ...gpFields.filter((f) => f.key !== 'seed' && f.key !== 'workers').map((f) => ({ ...f, when: isGp })),
]);

export function validateNeuralSettings(given: Readonly<Record<string, unknown>>): Result<NeuralMethodSettings> {
  const r = validateFields<NeuralMethodSettings>(neuralFields, neuralMethodDefaults, given, 'neural-ODE setting');
  if (!r.ok) return r;
  const ops = parseOperators(r.value.operators);
  if (!ops.ok) return ops;
  if (r.value.segmentLength < neuralDefaults.segmentStart) {
    return err(`Segment length ${r.value.segmentLength} is shorter than the ${neuralDefaults.segmentStart} samples training starts with: use at least ${neuralDefaults.segmentStart}.`);
  }
  return ok(r.value);
}

/** The trainer's options from the method's settings (the rest at their defaults). */
export function trainerOptions(s: NeuralMethodSettings): Partial<NeuralOptions> {
  return {
    width: s.width, depth: s.depth, activation: s.activation, steps: s.steps, learningRate: s.learningRate,
    segmentEnd: s.segmentLength, batchSize: s.batchSize, polishSteps: s.polishSteps, stepsPerSpacing: s.stepsPerSpacing,
  };
}
