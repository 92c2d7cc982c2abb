import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  classifySubgraphFailure,
  countsAgainstSubgraph,
} from '../../../gateway/fetch/classifySubgraphFailure.js';
import {
  SubgraphConnectionError,
  SubgraphDeadlineError,
} from '../../../gateway/fetch/createSubgraphFetcher.js';
import { subgraphError } from '../../../gateway/fetch/subgraphError.js';

const classified = (error: unknown) => classifySubgraphFailure(error, 'de', 1_500);

describe('classifySubgraphFailure', () => {
  it.each([
    [
      'a connection failure',
      new SubgraphConnectionError('ECONNREFUSED 127.0.0.1:4002'),
      'CONNECTION_FAILED',
    ],
    ['an unparsable body', new SyntaxError('Unexpected token s in "secret"'), 'BAD_RESPONSE'],
    ['anything else', 'a string', 'BAD_RESPONSE'],
  ])('names %s SUBGRAPH_UNAVAILABLE, without the raw message', (_name, raw, reason) => {
    const error = classified(raw);
    expect(error.extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', jurisdiction: 'DE', reason });
    expect(error.message).not.toMatch(/127\.0\.0\.1|secret/);
  });

  it.each([
    ['the deadline', new SubgraphDeadlineError('no answer')],
    ['an abort', new DOMException('aborted', 'AbortError')],
  ])('names %s SUBGRAPH_TIMEOUT with the budget', (_name, raw) => {
    const error = classified(raw);
    expect(error.extensions).toEqual({
      code: 'SUBGRAPH_TIMEOUT',
      jurisdiction: 'DE',
      reason: 'TIMEOUT',
    });
    expect(error.message).toContain('1500 ms');
  });

  it('keeps an HTTP status error as it is', () => {
    const status = subgraphError('SUBGRAPH_UNAVAILABLE', 'de', 'HTTP_502');
    expect(classified(status)).toBe(status);
  });
});

describe('countsAgainstSubgraph', () => {
  it.each([
    ['CONNECTION_FAILED', true],
    ['TIMEOUT', true],
    ['BAD_RESPONSE', true],
    ['HTTP_500', true],
    ['HTTP_503', true],
    ['HTTP_400', false],
    ['HTTP_404', false],
  ])('%s: %s', (reason, counts) => {
    const error = new GraphQLError('x', { extensions: { code: 'SUBGRAPH_UNAVAILABLE', reason } });
    expect(countsAgainstSubgraph(error)).toBe(counts);
  });
});
