import type { ensureDevKeys } from '../core/auth/devKeys.js';
import { mintDevToken } from '../gateway/auth/mintDevToken.js';
import { CASE_REF_HEADER, PURPOSE_HEADER } from '../gateway/GatewayContext.js';
import { BENCH_CALLERS } from './scenarios.js';
import type { BenchCaller } from './scenarios.js';
import { BENCH_CALLER_HEADER } from './systems/benchSystemEnv.js';
import type { SystemName } from './report/BenchReport.js';

/** Comity's request headers of each bench caller, by caller name. */
export type CallerHeaders = Map<string, Record<string, string>>;

/** A caller token of `caller`'s claims, and its purpose and case headers. */
export async function callerHeaders(
  keys: Awaited<ReturnType<typeof ensureDevKeys>>,
  caller: BenchCaller,
): Promise<Record<string, string>> {
  const token = await mintDevToken(keys, {
    subject: `bench-${caller.name}@comity.local`,
    roles: [caller.role],
    country: caller.country,
    agency: caller.agency,
    ttl: '12h',
  });
  const headers: Record<string, string> = {
    authorization: `Bearer ${token}`,
    [PURPOSE_HEADER]: caller.purpose,
  };
  if (caller.caseRef) headers[CASE_REF_HEADER] = caller.caseRef;
  return headers;
}

/** Comity authenticates the caller; the comparison gateways only name whose context to send. */
export function headersFor(
  system: SystemName,
  caller: BenchCaller,
  comityHeaders: CallerHeaders,
): Record<string, string> {
  return system === 'comity'
    ? comityHeaders.get(caller.name)!
    : { [BENCH_CALLER_HEADER]: caller.name };
}

/** The headers of every bench caller. */
export async function benchCallerHeaders(
  keys: Awaited<ReturnType<typeof ensureDevKeys>>,
): Promise<CallerHeaders> {
  const headers: CallerHeaders = new Map();
  for (const caller of BENCH_CALLERS) headers.set(caller.name, await callerHeaders(keys, caller));
  return headers;
}
