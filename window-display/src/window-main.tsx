import { createRoot } from 'react-dom/client';
import { WindowScreen } from './WindowScreen.js';
import './window.css';

// /display/window/<id>?screenKey=… — the window id is the last path segment.
const windowId = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop() ?? '');
const screenKey = new URLSearchParams(location.search).get('screenKey') ?? undefined;
createRoot(document.getElementById('root')!).render(<WindowScreen windowId={windowId} screenKey={screenKey} />);
