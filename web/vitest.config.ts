import react from '@vitejs/plugin-react';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

// Browser tests against the real API and worker (see e2e/global-setup.ts).
const e2e = {
  extends: true,
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    // One browser story at a time on a shared machine; waits have their own deadlines.
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
} satisfies TestProjectInlineConfiguration;

export default defineConfig({
  plugins: [react()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'jsdom',
          include: ['src/**/*.test.{ts,tsx}'],
          setupFiles: ['src/test-setup.ts'],
          // Files share a worker's modules and jsdom instead of loading React, Mantine and jsdom
          // afresh each (30 -> 12 CPU-seconds for the 17 files on 2026-12-03); the setup file
          // resets what a file could leave behind (language, storage, the rendered tree).
          isolate: false,
          // Rendering Mantine in jsdom on a loaded shared machine can take seconds.
          testTimeout: 60_000,
        },
      },
      // Run by default (scripts/test.sh and .ci/run count them); `--project unit` skips them and
      // their global setup.
      e2e,
    ],
  },
});
