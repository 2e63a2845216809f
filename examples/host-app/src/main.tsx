import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@hangar/components/styles.css';
import './console.css';
import { Console } from './console.js';

const root = document.getElementById('root');
if (!root) throw new Error('index.html needs a #root element.');
createRoot(root).render(
  <StrictMode>
    <Console />
  </StrictMode>,
);
