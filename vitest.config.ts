import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // graphql ships a CommonJS build (`main`) and an ESM one (`module`). Node loads the
    // CommonJS one for everybody; Vite would hand our sources the ESM one while Apollo and
    // graphql-tools keep the CommonJS one, and graphql refuses to mix types across the two
    // copies ("from another module or realm"). Resolve it as Node does.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/globalSetup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Integration suites start real processes on fixed ports; run files one at a time on
    // two cores rather than oversubscribe the machine.
    fileParallelism: false,
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});
