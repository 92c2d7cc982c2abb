import { afterEach, describe, expect, it, vi } from 'vitest';
import { logFailureClass } from '../../../core/http/createHttpHandler.js';

describe('logFailureClass', () => {
  afterEach(() => vi.restoreAllMocks());

  it.each([
    [
      'an Error with a secret and SQL',
      Object.assign(new Error('password=hunter2 SELECT * FROM fr.persons'), { code: '42P01' }),
      'request failed: Error 42P01',
    ],
    [
      'a TypeError',
      new TypeError("Cannot read properties of undefined (reading 'Zeta-77')"),
      'request failed: TypeError',
    ],
    ['a thrown string', 'registry key s3cr3t-Zeta-77', 'request failed: string'],
    [
      'an error whose code is free text',
      Object.assign(new Error('x'), { code: 'see http://10.0.0.5:4101' }),
      'request failed: Error',
    ],
  ])('logs %s by its class and code only', (_name, failure, expected) => {
    const lines: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      lines.push(args.map(String).join(' '));
    });
    logFailureClass(failure);
    expect(lines).toEqual([expected]);
    expect(lines.join('\n')).not.toMatch(/hunter2|SELECT|Zeta-77|10\.0\.0\.5|\n\s+at /);
  });
});
