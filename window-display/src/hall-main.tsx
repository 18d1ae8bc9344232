import { createRoot } from 'react-dom/client';
import { HallScreen } from './HallScreen.js';
import './hall.css';

createRoot(document.getElementById('root')!).render(<HallScreen />);
