import { fileURLToPath } from 'node:url';
import angular from '@analogjs/vite-plugin-angular';
import { defineConfig } from 'vitest/config';

const webRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: webRoot,
  plugins: [angular({ tsconfig: `${webRoot}tsconfig.spec.json`, workspaceRoot: webRoot })],
  test: {
    environment: 'jsdom',
    setupFiles: ['src/test-setup.ts'],
    include: ['src/**/*.spec.ts'],
    // rxfire (under @angular/fire) ships ES modules in a CommonJS package: Vite must transform it.
    server: { deps: { inline: ['rxfire', '@angular/fire'] } },
  },
});
