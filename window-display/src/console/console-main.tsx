import { createRoot } from 'react-dom/client';
import { ConsoleApp } from './ConsoleApp.js';
import './console.css';

createRoot(document.getElementById('root')!).render(<ConsoleApp />);
