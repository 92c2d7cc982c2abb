import { describe, expect, it } from 'vitest';
import { loadMember, loadMemberPolicy, subgraphTypeDefs } from '../../subgraphs/membership.js';
import { memberConfigs } from '../../core/federationConfig.js';

describe('loadMemberPolicy', () => {
  it('loads a member by its code, in either case', async () => {
    expect((await loadMemberPolicy('fr')).jurisdiction).toBe('FR');
    expect((await loadMemberPolicy('DE')).jurisdiction).toBe('DE');
  });

  // The code becomes part of a module path: only the membership's codes may reach it.
  it.each(['xx', 'directory', 'kit', '../fr', 'fr/../de', ''])(
    'refuses %j, naming the members',
    async (code) => {
      await expect(loadMemberPolicy(code)).rejects.toThrow(
        /no member jurisdiction .*schema\/subgraphs.json lists /,
      );
    },
  );
});

describe('loadMember', () => {
  it('defines every member of the membership with its own code, name, schema and policy', async () => {
    for (const config of memberConfigs()) {
      const member = await loadMember(config.code);
      expect(member.code).toBe(config.code);
      expect(member.name).toBe(config.name);
      expect(member.policy.jurisdiction).toBe(config.code);
      expect(member.schemaSdl).toContain(`${config.code.toLowerCase()}: `);
      const typeDefs = await subgraphTypeDefs({ name: config.code.toLowerCase(), schema: `subgraphs/${config.code.toLowerCase()}/schema.graphql` });
      expect(typeDefs.definitions.length).toBeGreaterThan(10);
    }
  });

  it('refuses a code outside the membership before any module is loaded', async () => {
    await expect(loadMember('../kit')).rejects.toThrow(/no member jurisdiction/);
  });
});
