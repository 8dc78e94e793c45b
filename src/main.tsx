import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { controller } from './state/controllerInstance';
import { App } from './ui/App';
import './ui/styles.css';

controller();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
