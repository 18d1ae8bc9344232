import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { readParams } from './kiosk-link.js';
import { lockDown } from './lockdown.js';
import './kiosk.css';

lockDown();
const params = readParams(window.location, window.history);
const root = createRoot(document.getElementById('root')!);
// Without ?kiosk=<id> the page cannot know which printer and reader it stands at.
root.render(params ? <App params={params} /> : <main className="kiosk starting"><p className="error">缺少取号机编号：请使用 /kiosk/?kiosk=K1 打开 · Missing kiosk id: open /kiosk/?kiosk=K1</p></main>);
