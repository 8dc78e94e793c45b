/** The left column: data source, noise, derivatives, library, regression — in pipeline order. */
import { DerivativePanel } from './controls/DerivativePanel';
import { LibraryPanel } from './controls/LibraryPanel';
import { NoisePanel } from './controls/NoisePanel';
import { OptimizerPanel } from './controls/OptimizerPanel';
import { SystemPanel } from './controls/SystemPanel';

export function ControlPanel() {
  return (
    <>
      <SystemPanel />
      <NoisePanel />
      <DerivativePanel />
      <LibraryPanel />
      <OptimizerPanel />
    </>
  );
}
