/** The app's single controller, started by main.tsx; components call its commands. */
import { startController, type Controller } from './controller';

let instance: Controller | null = null;

export function controller(): Controller {
  instance ??= startController();
  return instance;
}
