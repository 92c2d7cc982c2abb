import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../../core/errors/ErrorCode.js';
import { messageMayPass } from '../../../core/errors/messageMayPass.js';

describe('messageMayPass', () => {
  // [code, from the gateway, from a subgraph]
  const table: [ErrorCode, boolean, boolean][] = [
    ['INTERNAL_SERVER_ERROR', false, false],
    ['FORBIDDEN', true, true],
    ['BAD_USER_INPUT', true, true],
    ['AUDIT_UNAVAILABLE', false, true],
    ['REGISTRY_UNAVAILABLE', false, true],
    ['SUBGRAPH_UNAVAILABLE', true, false],
    ['SUBGRAPH_TIMEOUT', true, false],
    ['PURPOSE_REQUIRED', true, false],
    ['OPERATION_LIMIT', true, false],
    ['GRAPHQL_VALIDATION_FAILED', true, false],
    ['UNAUTHENTICATED', true, false],
  ];
  it.each(table)('%s: from the gateway %s, from a subgraph %s', (code, gateway, subgraph) => {
    expect(messageMayPass(code, 'GATEWAY')).toBe(gateway);
    expect(messageMayPass(code, 'SUBGRAPH')).toBe(subgraph);
  });
});
