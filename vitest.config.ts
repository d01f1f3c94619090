// Root test config: one vitest project per workspace package, all resolving sibling packages from source
// through the `@redwing/source` export condition (no build needed to test).
import { existsSync, readdirSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

const conditions = ['@redwing/source', 'node', 'import', 'module', 'default'];

const packageDirs = ['packages', 'apps'].flatMap((group) =>
  existsSync(group)
    ? readdirSync(group, { withFileTypes: true })
        .filter((d) => d.isDirectory() && existsSync(`${group}/${d.name}/package.json`))
        .map((d) => `${group}/${d.name}`)
    : [],
);

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    projects: packageDirs.map((dir) => ({
      extends: true,
      test: {
        name: dir.split('/')[1] ?? dir,
        root: dir,
        include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
        testTimeout: 20_000,
        hookTimeout: 30_000,
      },
    })),
  },
});
