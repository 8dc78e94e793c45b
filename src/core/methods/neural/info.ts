/**
 * What the surfaces know of the neural-ODE method without its engine (the page's main thread
 * never loads the trainer): id, label, settings with their ranges (./settings.ts) and which
 * shared controls it reads — the library and optimizer when the network is distilled by SINDy.
 */
import type { MethodInfo } from '../types';
import { neuralFields, neuralMethodDefaults, type NeuralMethodSettings } from './settings';

export const neuralInfo: MethodInfo<NeuralMethodSettings> = {
  id: 'neural',
  label: 'Neural ODE → equations',
  description: 'Train a neural network as the vector field on the trajectories themselves (no derivatives), read equations off it (symbolic regression, rational or library SINDy), then fine-tune their constants through the ODE solver (Kidger 2021).',
  defaults: neuralMethodDefaults,
  fields: neuralFields,
  uses: (s) => (s.symbolic === 'sindy' ? ['library', 'optimizer'] : []),
};
