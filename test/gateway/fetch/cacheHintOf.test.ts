import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { cacheHintOf } from '../../../gateway/fetch/cacheHintOf.js';

// Apollo's own reading, to hold this one to: its parser (private) and respond()'s use of it.
const require = createRequire(import.meta.url);
const { parseCacheControlHeader } =
  require('@apollo/gateway/dist/datasources/parseCacheControlHeader.js') as {
    parseCacheControlHeader(header: string | null | undefined): Record<string, string | true>;
  };

function apollosHint(header: string | null | undefined) {
  const parsed = parseCacheControlHeader(header);
  const hint: { maxAge: number; scope?: string } = { maxAge: 0 };
  const maxAge = parsed['max-age'];
  if (typeof maxAge === 'string' && maxAge.match(/^[0-9]+$/)) hint.maxAge = +maxAge;
  if (parsed['private'] === true) hint.scope = 'PRIVATE';
  if (parsed['public'] === true) hint.scope = 'PUBLIC';
  return hint;
}

describe('cacheHintOf', () => {
  it.each([
    ['max-age=60, public', { maxAge: 60, scope: 'PUBLIC' }],
    [null, { maxAge: 0 }],
    ['', { maxAge: 0 }],
    ['private, max-age=30', { maxAge: 30, scope: 'PRIVATE' }],
    ['max-age="45"', { maxAge: 45 }],
    ['max-age=soon, public', { maxAge: 0, scope: 'PUBLIC' }],
    ['no-store', { maxAge: 0 }],
    ['private, public', { maxAge: 0, scope: 'PUBLIC' }],
    ['max-age=10, max-age=20', { maxAge: 20 }],
    ['  max-age = 5 ,private ', { maxAge: 5, scope: 'PRIVATE' }],
    ['private=yes', { maxAge: 0 }],
    ['max-age=-1', { maxAge: 0 }],
  ] as [string | null, object][])('reads %j as Apollo does', (header, hint) => {
    expect(cacheHintOf(header)).toStrictEqual(hint);
    expect(cacheHintOf(header)).toStrictEqual(apollosHint(header));
  });
});
