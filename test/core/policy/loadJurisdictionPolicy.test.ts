import { describe, expect, it } from 'vitest';
import { loadJurisdictionPolicy } from '../../../core/policy/loadJurisdictionPolicy.js';

describe('loadJurisdictionPolicy', () => {
  it('loads a member by its code, in either case', async () => {
    expect((await loadJurisdictionPolicy('fr')).jurisdiction).toBe('FR');
    expect((await loadJurisdictionPolicy('DE')).jurisdiction).toBe('DE');
  });

  // The code becomes part of a module path: only the membership's codes may reach it.
  it.each(['xx', 'directory', 'kit', '../fr', 'fr/../de', ''])(
    'refuses %j, naming the members',
    async (code) => {
      await expect(loadJurisdictionPolicy(code)).rejects.toThrow(
        /no member jurisdiction .*schema\/subgraphs.json lists /,
      );
    },
  );
});
