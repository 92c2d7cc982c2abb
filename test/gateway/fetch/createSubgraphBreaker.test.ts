import { GraphQLError } from 'graphql';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSubgraphBreaker } from '../../../gateway/fetch/createSubgraphBreaker.js';
import type { CircuitState } from '../../../gateway/fetch/createSubgraphBreaker.js';

const COOLDOWN_MS = 10_000;

class Counted extends Error {}
class NotCounted extends Error {}

function breaker() {
  const changes: CircuitState[] = [];
  const subject = createSubgraphBreaker({
    subgraphName: 'sg',
    failureThreshold: 3,
    cooldownMs: COOLDOWN_MS,
    counts: (error) => error instanceof Counted,
    onStateChange: (state) => changes.push(state),
  });
  return { breaker: subject, changes };
}

const fail = (error: Error) => () => Promise.reject(error);
const succeed = () => Promise.resolve('ok');

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error,
  );
}

async function open(subject: ReturnType<typeof breaker>['breaker']) {
  for (let i = 0; i < 3; i += 1) await failureOf(subject.execute(fail(new Counted())));
  expect(subject.state).toBe('open');
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('createSubgraphBreaker', () => {
  it('opens after the threshold of consecutive failures, and then fails fast without calling', async () => {
    const { breaker: subject, changes } = breaker();
    await failureOf(subject.execute(fail(new Counted())));
    await failureOf(subject.execute(fail(new Counted())));
    expect(subject.state).toBe('closed');
    await failureOf(subject.execute(fail(new Counted())));
    expect(subject.state).toBe('open');
    expect(changes).toEqual(['open']);

    const call = vi.fn(succeed);
    const error = await failureOf(subject.execute(call));
    expect(call).not.toHaveBeenCalled();
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions).toEqual({
      code: 'SUBGRAPH_UNAVAILABLE',
      jurisdiction: 'SG',
      reason: 'CIRCUIT_OPEN',
    });
  });

  it('counts consecutive failures only: a success starts the count again', async () => {
    const { breaker: subject } = breaker();
    await failureOf(subject.execute(fail(new Counted())));
    await failureOf(subject.execute(fail(new Counted())));
    await subject.execute(succeed);
    await failureOf(subject.execute(fail(new Counted())));
    await failureOf(subject.execute(fail(new Counted())));
    expect(subject.state).toBe('closed');
  });

  it('passes failures through as they are, and leaves the ones that do not count out of the count', async () => {
    const { breaker: subject } = breaker();
    const notCounted = new NotCounted('a 4xx');
    for (let i = 0; i < 5; i += 1) {
      expect(await failureOf(subject.execute(fail(notCounted)))).toBe(notCounted);
    }
    expect(subject.state).toBe('closed');
  });

  it('lets one probe through after the cool-down while the others still fail fast; its success closes the circuit', async () => {
    const { breaker: subject, changes } = breaker();
    await open(subject);
    vi.advanceTimersByTime(COOLDOWN_MS - 1);
    expect(((await failureOf(subject.execute(succeed))) as GraphQLError).extensions.reason).toBe(
      'CIRCUIT_OPEN',
    );
    vi.advanceTimersByTime(1);

    let answer!: (value: string) => void;
    const probe = subject.execute(() => new Promise<string>((resolve) => (answer = resolve)));
    expect(subject.state).toBe('half-open');
    const other = vi.fn(succeed);
    const error = (await failureOf(subject.execute(other))) as GraphQLError;
    expect(other).not.toHaveBeenCalled();
    expect(error.extensions.reason).toBe('CIRCUIT_OPEN');

    answer('probed');
    expect(await probe).toBe('probed');
    expect(subject.state).toBe('closed');
    expect(await subject.execute(succeed)).toBe('ok');
    expect(changes).toEqual(['open', 'half-open', 'closed']);
  });

  it('opens again for another cool-down when the probe fails', async () => {
    const { breaker: subject, changes } = breaker();
    await open(subject);
    vi.advanceTimersByTime(COOLDOWN_MS);
    await failureOf(subject.execute(fail(new Counted())));
    expect(subject.state).toBe('open');
    vi.advanceTimersByTime(COOLDOWN_MS - 1);
    expect(((await failureOf(subject.execute(succeed))) as GraphQLError).extensions.reason).toBe(
      'CIRCUIT_OPEN',
    );
    vi.advanceTimersByTime(1);
    expect(await subject.execute(succeed)).toBe('ok');
    expect(changes).toEqual(['open', 'half-open', 'open', 'half-open', 'closed']);
  });
});
