import { describe, expect, it, vi } from 'vitest';
import { SubgraphConnectionError } from '../../../gateway/fetch/createSubgraphFetcher.js';
import { retryOnConnectionFailure } from '../../../gateway/fetch/retryOnConnectionFailure.js';

const QUERY = 'query Both__fr__0 { fr { code } }';
const MUTATION = '  mutation Freeze__fr__0 { fr { code } }';
const later = () => Date.now() + 60_000;

/** An attempt that fails with the given errors, in turn, then answers. */
function attempts(...failures: Error[]) {
  return vi.fn(async () => {
    const failure = failures.shift();
    if (failure) throw failure;
    return 'answered';
  });
}

describe('retryOnConnectionFailure', () => {
  it('tries a query once more when its connection failed', async () => {
    const attempt = attempts(new SubgraphConnectionError('no connection'));
    expect(await retryOnConnectionFailure(QUERY, later(), attempt)).toBe('answered');
    expect(attempt).toHaveBeenCalledTimes(2);
  });

  it('tries it once more only', async () => {
    const second = new SubgraphConnectionError('again');
    const attempt = attempts(new SubgraphConnectionError('no connection'), second);
    await expect(retryOnConnectionFailure(QUERY, later(), attempt)).rejects.toBe(second);
    expect(attempt).toHaveBeenCalledTimes(2);
  });

  it.each([
    ['a mutation', MUTATION, later(), new SubgraphConnectionError('no connection')],
    ['a query past its deadline', QUERY, Date.now() - 1, new SubgraphConnectionError('late')],
    ['any other failure', QUERY, later(), new Error('the answer broke off')],
  ])('never retries %s', async (_name, query, deadline, failure) => {
    const attempt = attempts(failure);
    await expect(retryOnConnectionFailure(query, deadline, attempt)).rejects.toBe(failure);
    expect(attempt).toHaveBeenCalledTimes(1);
  });
});
