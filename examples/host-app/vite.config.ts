import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// In development the Hangar server runs beside Vite; proxy its routes so the app uses same-origin URLs, as it
// does when the server serves the built app at `/`.
const hangar = process.env.HANGAR_URL ?? 'http://localhost:4000';
const proxy = {
  '/graphql': { target: hangar, ws: true },
  '/uploads': { target: hangar },
  '/api': { target: hangar },
  // Single sign-on: the button's start, the provider's redirect back (and /auth/config).
  '/auth': { target: hangar },
};

export default defineConfig({
  plugins: [react()],
  base: '/',
  // The app bundles React, Apollo and graphql (~140 KB gzip); one chunk is fine for a console.
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 800 },
  server: { port: 5173, proxy },
  preview: { proxy },
});
