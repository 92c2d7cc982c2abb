import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { Kind, getVariableValues, parse, validate } from 'graphql';
import type { OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { BENCH_CALLERS, scenarios } from '../../bench/scenarios.js';
import { REPO_ROOT, memberCodes } from '../../core/federationConfig.js';

// A scenario the gateways refuse measures error answers, and a run finds out only after
// minutes of seeding: every operation and its variables are checked against the supergraph.

const schema = Supergraph.build(
  readFileSync(path.join(REPO_ROOT, 'schema', 'supergraph.graphql'), 'utf8'),
)
  .apiSchema()
  .toGraphQLJSSchema();

/** Scenario 1's wallet is picked at run time; any wallet id stands in for it here. */
const RUN_TIME_VARIABLES: Record<number, Record<string, unknown>> = {
  1: { id: 'eip155:1:0x4932F051e3e38675D54fB0CA874fB6C75831143c' },
};

describe('bench scenarios', () => {
  it.each(scenarios().map((scenario) => [scenario.id, scenario] as const))(
    'scenario %i is a valid operation of the supergraph, with variables it accepts',
    (id, scenario) => {
      const document = parse(scenario.query);
      expect(validate(schema, document)).toEqual([]);
      const operation = document.definitions.find(
        (definition): definition is OperationDefinitionNode =>
          definition.kind === Kind.OPERATION_DEFINITION,
      )!;
      const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], {
        ...scenario.variables,
        ...RUN_TIME_VARIABLES[id],
      });
      expect(coerced.errors ?? []).toEqual([]);
    },
  );

  it('gives every caller a pre-signed context for the comparison gateways', () => {
    const names = BENCH_CALLERS.map((caller) => caller.name);
    expect(new Set(names).size).toBe(names.length);
    for (const scenario of scenarios()) expect(BENCH_CALLERS).toContain(scenario.caller);
  });

  it('files a request as a mutation on one member, and lists outgoing requests on every member', () => {
    const byId = new Map(scenarios().map((scenario) => [scenario.id, scenario]));
    const filing = parse(byId.get(5)!.query).definitions[0] as OperationDefinitionNode;
    expect(filing.operation).toBe('mutation');

    const listing = parse(byId.get(6)!.query).definitions[0] as OperationDefinitionNode;
    expect(listing.operation).toBe('query');
    const namespaces = listing.selectionSet.selections.map((selection) =>
      selection.kind === Kind.FIELD ? selection.name.value : selection.kind,
    );
    expect(namespaces).toEqual(memberCodes());
  });

  it('lists as an agency that does not file, so that the filings do not grow the listing', () => {
    const byId = new Map(scenarios().map((scenario) => [scenario.id, scenario]));
    const filer = byId.get(5)!.caller;
    const lister = byId.get(6)!.caller;
    expect(lister.country).toBe(filer.country);
    expect(lister.agency).not.toBe(filer.agency);
  });
});
