import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import './admin.css';

createRoot(document.getElementById('root')!).render(<App />);
