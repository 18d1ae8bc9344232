import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// Every screen is a page of one Vite build into dist/screens, served by the hub under /screens/.
// No web fonts, no CDNs: the halls run offline and use the system's CJK fonts.
export default defineConfig({
  root: resolve(import.meta.dirname),
  base: '/screens/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: resolve(import.meta.dirname, 'dist/screens'),
    // Not emptied: a rebuild while a screen is open (or a browser test runs) must not pull files from
    // under it; hashed asset names keep old and new apart, and a clean clone builds into an empty folder.
    emptyOutDir: false,
    rollupOptions: {
      input: {
        hall: resolve(import.meta.dirname, 'window-display/hall.html'),
        window: resolve(import.meta.dirname, 'window-display/window.html'),
        console: resolve(import.meta.dirname, 'window-display/console.html'),
        kiosk: resolve(import.meta.dirname, 'kiosk-ui/index.html'),
        admin: resolve(import.meta.dirname, 'admin-ui/index.html'),
      },
    },
  },
});
