import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { controller } from './state/controllerInstance';
import { App } from './ui/App';
import { UpdateBanner } from './ui/UpdateBanner';
import { checkPeriodically, createUpdates, type Updates } from './ui/updates';
import './ui/styles.css';

/** Offline use after the first visit: the service worker exists in production builds only. */
function offline(): Updates | null {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return null;
  const updates = createUpdates(navigator.serviceWorker, () => window.location.reload());
  // After the page's own loading, so the precache downloads do not compete with it.
  const start = () => void updates.start(`${import.meta.env.BASE_URL}sw.js`, import.meta.env.BASE_URL).then(() => checkPeriodically(updates));
  if (document.readyState === 'complete') start();
  else window.addEventListener('load', start, { once: true });
  return updates;
}

controller();
const updates = offline();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
    {updates && <UpdateBanner updates={updates} />}
  </StrictMode>,
);
