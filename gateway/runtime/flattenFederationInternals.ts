import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Replaces the exports object of `@apollo/federation-internals` in node's module cache with
 * a plain copy: the same values, as data properties instead of getters. Its index re-exports
 * every submodule through TypeScript's `__exportStar`, which defines each export as a getter
 * sharing one function (`get: () => m[k]`); @apollo/gateway's executor and result shaping
 * call those exports for every value of every response, and that shared getter, megamorphic,
 * was 3 % of the gateway's profile. Modules loaded afterwards get the copy; the submodules
 * themselves are untouched.
 *
 * Must run before @apollo/gateway and @apollo/query-planner load. The copy holds each value
 * as it is once the package has loaded, which is safe because its submodules assign every
 * export once, at load (TypeScript's CommonJS output; enums included). Returns false, and
 * changes nothing, when node's cache does not hold the module `require` returned.
 */
export function flattenFederationInternals(): boolean {
  const id = require.resolve('@apollo/federation-internals');
  const exported = require(id) as Record<string, unknown>;
  const cached = require.cache[id];
  if (!cached || cached.exports !== exported) return false;
  const flat: Record<string, unknown> = {};
  for (const key of Object.keys(exported)) flat[key] = exported[key];
  Object.defineProperty(flat, '__esModule', { value: true });
  cached.exports = flat;
  return true;
}
