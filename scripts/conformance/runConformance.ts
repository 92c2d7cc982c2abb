import { generateKeyPairSync } from 'node:crypto';
import { parse } from 'graphql';
import type {
  DocumentNode,
  FieldDefinitionNode,
  InterfaceTypeDefinitionNode,
  ObjectTypeDefinitionNode,
  ObjectTypeExtensionNode,
} from 'graphql';
import type { JWK } from 'jose';
import { subgraphAudience } from '../../core/auth/createContextVerifier.js';
import { leaksInternals } from '../../core/errors/leaksInternals.js';
import { AccessDenialReason } from '../../core/policy/decideAccess.js';
import { composeSupergraph, CompositionFailedError } from '../../schema/composeSupergraph.js';
import type { SubgraphDefinition } from '../../schema/composeSupergraph.js';
import { sdlHash } from '../../schema/admission.js';
import type { ConformanceCheck, ConformanceReport } from '../../schema/admission.js';
import { auditEventHash } from '../../subgraphs/kit/audit/AuditEvent.js';
import type { AuditEventInput } from '../../subgraphs/kit/audit/AuditEvent.js';
import { checkpointSignatureProblem } from '../../subgraphs/kit/audit/Checkpoint.js';
import { ProbeClient } from './probeClient.js';
import type { Asking, ProbeResponse } from './probeClient.js';

export interface ConformanceOptions {
  /** The candidate's GraphQL URL. */
  url: string;
  /** Its subgraph name: its country code in lower case. */
  code: string;
  /** The hub's current context-signing key (private JWK with kid). */
  contextKey: JWK;
  /** The other subgraphs of the federation, to compose with (the candidate's name left out). */
  federation: SubgraphDefinition[];
  /** The candidate's published audit-checkpoint key; without it a checkpoint is not verified. */
  auditKey?: JWK | null;
  /** Default: now. */
  now?: () => Date;
}

const INVESTIGATOR: Asking = {
  roles: ['INVESTIGATOR'],
  purpose: 'CRIMINAL_INVESTIGATION',
  caseRef: 'CONFORMANCE-CASE-1',
};
const ADMIN: Asking = { roles: ['ADMIN'], purpose: 'OVERSIGHT_AUDIT' };
const AUDITOR: Asking = { roles: ['AUDITOR'], purpose: 'OVERSIGHT_AUDIT' };
const DENIAL_REASONS: ReadonlySet<string> = new Set(Object.values(AccessDenialReason));
/** A wallet id no chain has: not CAIP-10 at all. */
const BAD_WALLET = 'not-a-wallet:0xZZ';

/** Runs every check against the running candidate; one entry per check, in a fixed order. */
export async function runConformance(options: ConformanceOptions): Promise<ConformanceReport> {
  const cc = options.code.toLowerCase();
  const client = new ProbeClient(options.url, cc, options.contextKey);
  const checks: ConformanceCheck[] = [];
  const record = (check: string, problem: string | null, passed: string) =>
    checks.push({ check, pass: problem === null, reason: problem ?? passed });

  // The SDL, read as the gateway would.
  const sdlResponse = await client.post('_service', { query: '{ _service { sdl } }' }, client.token(INVESTIGATOR));
  const sdl: string | null =
    typeof sdlResponse.body?.data?._service?.sdl === 'string' ? sdlResponse.body.data._service.sdl : null;
  let document: DocumentNode | null = null;
  let sdlProblem: string | null = null;
  if (sdl === null) {
    sdlProblem = `_service { sdl } with a valid token answered ${sdlResponse.status} without an SDL`;
  } else {
    try {
      document = parse(sdl);
    } catch (error) {
      sdlProblem = `its SDL does not parse: ${(error as Error).message}`;
    }
  }

  record('composes', document ? await compositionProblem(cc, options, document) : sdlProblem, `composes with ${options.federation.filter((s) => s.name !== cc).map((s) => s.name).join(', ')}`);

  for (const [kind, problem] of await doorChecks(client, cc, options.contextKey)) {
    record(`refuses-${kind}`, problem, `401 UNAUTHENTICATED on the root fields, _entities and _service`);
  }

  record('personal-data-policy', document ? personalDataProblem(document, cc.toUpperCase()) : sdlProblem, 'every field of a personal-data type carries @access for the member');

  const probes = await dataProbes(client, cc);
  record('denied-field-forbidden', probes.denialProblem, 'a denied field is null with FORBIDDEN and a reason code of the policy spec');
  record('bad-wallet-id', probes.badWalletProblem, 'a malformed wallet id is answered BAD_USER_INPUT');

  // Errors provoked on purpose, so that the leak scan has every kind to read.
  await client.post('unknown field', { query: `{ ${cc} { noSuchField } }` }, client.token(INVESTIGATOR));
  await client.post('not JSON', '{"query": ', client.token(INVESTIGATOR));
  record('no-leaks', leakProblem(client.responses), `no error of ${client.responses.length} responses carries a stack, a file path or an internal address`);

  record('audit-trail', await auditProblem(client, cc, probes.audited, options.auditKey ?? null), `every probe that read data left an event whose hash and chain link verify`);

  return {
    member: cc,
    url: options.url,
    checkedAt: (options.now?.() ?? new Date()).toISOString(),
    sdlHash: sdl === null ? '' : sdlHash(sdl),
    passed: checks.every((check) => check.pass),
    checks,
  };
}

async function compositionProblem(
  cc: string,
  options: ConformanceOptions,
  document: DocumentNode,
): Promise<string | null> {
  const others = options.federation.filter((subgraph) => subgraph.name !== cc);
  try {
    await composeSupergraph([...others, { name: cc, url: options.url, typeDefs: document }]);
    return null;
  } catch (error) {
    if (error instanceof CompositionFailedError) {
      return `composition fails: ${error.problems[0]!.trim()}${error.problems.length > 1 ? ` (and ${error.problems.length - 1} more)` : ''}`;
    }
    return `composition fails: ${(error as Error).message}`;
  }
}

/** The three doors into a subgraph. */
function doors(cc: string) {
  return [
    { door: 'root field', query: `{ ${cc} { code } }` },
    {
      door: '_entities',
      query: `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Wallet { id } } }`,
      variables: { r: [{ __typename: 'Wallet', id: 'eip155:1:0x4932F051e3e38675D54fB0CA874fB6C75831143c' }] },
    },
    { door: '_service', query: '{ _service { sdl } }' },
  ];
}

async function doorChecks(
  client: ProbeClient,
  cc: string,
  contextKey: JWK,
): Promise<Array<[string, string | null]>> {
  const stranger = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' }) as JWK;
  const wrongKey = { ...stranger, kid: contextKey.kid };
  const otherAudience = subgraphAudience(cc === 'directory' ? 'xx' : 'directory');
  const kinds: Array<[string, () => Promise<Array<{ door: string; response: ProbeResponse }>>]> = [];
  const each = (spoil: Parameters<ProbeClient['token']>[1] | 'none') => async () =>
    Promise.all(
      doors(cc).map(async ({ door, ...operation }) => ({
        door,
        response: await client.post(
          `door ${door}`,
          operation,
          spoil === 'none' ? null : client.token(INVESTIGATOR, spoil),
        ),
      })),
    );
  kinds.push(['no-token', each('none')]);
  kinds.push(['expired-token', each({ now: () => Date.now() - 120_000 })]);
  kinds.push(['wrong-audience', each({ audience: otherAudience })]);
  kinds.push(['wrong-key', each({ jwk: wrongKey })]);
  kinds.push([
    'replayed-token',
    async () => {
      const results: Array<{ door: string; response: ProbeResponse }> = [];
      for (const { door, ...operation } of doors(cc)) {
        const token = client.token(INVESTIGATOR);
        const first = await client.post(`door ${door}`, operation, token);
        if (first.status !== 200) {
          results.push({ door: `${door} (first use answered ${first.status}, not 200)`, response: first });
          continue;
        }
        results.push({ door, response: await client.post(`door ${door} replayed`, operation, token) });
      }
      return results;
    },
  ]);
  const outcome: Array<[string, string | null]> = [];
  for (const [kind, run] of kinds) {
    const opened = (await run()).filter(({ response }) => !refused(response));
    outcome.push([
      kind,
      opened.length === 0
        ? null
        : `answered ${opened.map(({ door, response }) => `${door} with ${response.status}`).join(', ')}`,
    ]);
  }
  return outcome;
}

function refused(response: ProbeResponse): boolean {
  const errors = response.body?.errors;
  return (
    response.status === 401 &&
    response.body?.data == null &&
    Array.isArray(errors) &&
    errors.length > 0 &&
    errors.every((error) => error?.extensions?.code === 'UNAUTHENTICATED')
  );
}

type TypeNode = ObjectTypeDefinitionNode | ObjectTypeExtensionNode | InterfaceTypeDefinitionNode;

/**
 * Every field of a @personalData object, every @personalData field, and every field an object
 * takes from a @personalData interface must carry the member's @access, on itself or on its type.
 */
export function personalDataProblem(document: DocumentNode, jurisdiction: string): string | null {
  const types = new Map<string, TypeNode[]>();
  for (const definition of document.definitions) {
    if (
      definition.kind === 'ObjectTypeDefinition' ||
      definition.kind === 'ObjectTypeExtension' ||
      definition.kind === 'InterfaceTypeDefinition'
    ) {
      types.set(definition.name.value, [...(types.get(definition.name.value) ?? []), definition]);
    }
  }
  const has = (node: { directives?: readonly { name: { value: string } }[] }, name: string) =>
    (node.directives ?? []).some((directive) => directive.name.value === name);
  const accessFor = (node: { directives?: readonly any[] }) =>
    (node.directives ?? []).some(
      (directive) =>
        directive.name.value === 'access' &&
        directive.arguments?.some(
          (arg: any) => arg.name.value === 'jurisdiction' && arg.value.value === jurisdiction,
        ),
    );
  const personalInterfaces = new Map<string, Set<string>>();
  for (const [name, nodes] of types) {
    const iface = nodes.find((node) => node.kind === 'InterfaceTypeDefinition');
    if (!iface) continue;
    const fields = (iface.fields ?? []).filter((field) => has(iface, 'personalData') || has(field, 'personalData'));
    if (fields.length > 0) personalInterfaces.set(name, new Set(fields.map((f) => f.name.value)));
  }
  const unguarded: string[] = [];
  let personal = 0;
  for (const [name, nodes] of types) {
    if (nodes.some((node) => node.kind === 'InterfaceTypeDefinition')) continue;
    const typePersonal = nodes.some((node) => has(node, 'personalData'));
    const typeAccess = nodes.some(accessFor);
    const inherited = new Set<string>();
    for (const node of nodes) {
      for (const iface of node.interfaces ?? []) {
        for (const field of personalInterfaces.get(iface.name.value) ?? []) inherited.add(field);
      }
    }
    for (const node of nodes) {
      for (const field of (node.fields ?? []) as FieldDefinitionNode[]) {
        const isPersonal = typePersonal || has(field, 'personalData') || inherited.has(field.name.value);
        if (!isPersonal) continue;
        personal += 1;
        if (!typeAccess && !accessFor(field)) unguarded.push(`${name}.${field.name.value}`);
      }
    }
  }
  if (personal === 0) return 'the SDL marks no personal data (@personalData): the policy spec is not linked';
  return unguarded.length === 0
    ? null
    : `${unguarded.length} personal-data field(s) without @access(jurisdiction: "${jurisdiction}"): ${unguarded.slice(0, 5).join(', ')}${unguarded.length > 5 ? ', …' : ''}`;
}

async function dataProbes(client: ProbeClient, cc: string) {
  const audited: Array<{ label: string; requestId: string }> = [];
  // Reads data as an investigator of the member's own country: leaves an ACCESS event.
  const readToken = client.token(INVESTIGATOR);
  await client.post(
    'investigator read',
    { query: `{ ${cc} { watchlistEntries(first: 1) { nodes { id } } freezingOrders(first: 1) { nodes { id } } } }` },
    readToken,
  );
  audited.push({ label: 'investigator read', requestId: readToken.requestId });

  // ADMIN sees no data in any member: the audit log is denied to it.
  const deniedToken = client.token(ADMIN);
  const denied = await client.post('denied read', { query: `{ ${cc} { auditEvents(first: 1) { totalCount } } }` }, deniedToken);
  audited.push({ label: 'denied read', requestId: deniedToken.requestId });
  let denialProblem: string | null = null;
  const forbidden = (denied.body?.errors ?? []).filter((error: any) => error?.extensions?.code === 'FORBIDDEN');
  if (denied.status !== 200) {
    denialProblem = `a denied read (ADMIN asking ${cc}.auditEvents) answered ${denied.status}, not 200 with partial data`;
  } else if (forbidden.length === 0) {
    denialProblem = `ADMIN asking ${cc}.auditEvents got no FORBIDDEN error (${JSON.stringify(denied.body).slice(0, 200)})`;
  } else {
    for (const error of forbidden) {
      const reason = error.extensions?.reason;
      const value = valueAt(denied.body?.data, error.path);
      if (!Array.isArray(error.path)) denialProblem = 'a FORBIDDEN error carries no path';
      else if (value !== null) denialProblem = `${error.path.join('.')} is denied but not null`;
      else if (typeof reason !== 'string' || !DENIAL_REASONS.has(reason)) {
        denialProblem = `FORBIDDEN at ${error.path.join('.')} has reason ${JSON.stringify(reason)}, not one of ${[...DENIAL_REASONS].join(', ')}`;
      }
      if (denialProblem) break;
    }
  }

  const badToken = client.token(INVESTIGATOR);
  const bad = await client.post(
    'bad wallet id',
    {
      query: `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Wallet { id ${cc} { hit } } } }`,
      variables: { r: [{ __typename: 'Wallet', id: BAD_WALLET }] },
    },
    badToken,
  );
  const codes = (bad.body?.errors ?? []).map((error: any) => error?.extensions?.code);
  const badWalletProblem = codes.includes('BAD_USER_INPUT')
    ? null
    : `_entities on Wallet "${BAD_WALLET}" answered ${bad.status} with ${codes.length ? `codes ${codes.join(', ')}` : 'no error'}`;
  return { audited, denialProblem, badWalletProblem };
}

function valueAt(data: unknown, path: unknown): unknown {
  if (!Array.isArray(path)) return undefined;
  let value: any = data;
  for (const key of path) {
    if (value === null || value === undefined) return value;
    value = value[key];
  }
  return value;
}

/** Stack frames, file paths, internal addresses: in messages and in extensions alike. */
export function leakProblem(responses: Array<{ label: string; response: ProbeResponse }>): string | null {
  for (const { label, response } of responses) {
    const errors = response.body?.errors;
    if (response.body === null) {
      if (leaksInternals(response.text)) return `${label}: the non-JSON answer leaks (${response.text.slice(0, 120)})`;
      continue;
    }
    for (const error of errors ?? []) {
      const { code: _code, ...extensions } = (error?.extensions ?? {}) as Record<string, unknown>;
      for (const key of ['stacktrace', 'exception', 'stack']) {
        if (key in extensions) return `${label}: an error carries extensions.${key}`;
      }
      if (typeof error?.message === 'string' && leaksInternals(error.message)) {
        return `${label}: the message "${error.message.slice(0, 120)}" leaks an internal`;
      }
      if (leaksInternals(JSON.stringify(extensions))) {
        return `${label}: the extensions ${JSON.stringify(extensions).slice(0, 120)} leak an internal`;
      }
    }
  }
  return null;
}

const AUDIT_EVENT_FIELDS = `seq kind occurredAt actor roles agency homeCountry purpose caseRef requestId
  operationHash entities released minimised { field strategy } denied { field reason } decision
  emergency detail { key value } prevHash hash`;

async function auditProblem(
  client: ProbeClient,
  cc: string,
  audited: Array<{ label: string; requestId: string }>,
  auditKey: JWK | null,
): Promise<string | null> {
  const response = await client.post(
    'audit read',
    {
      query: `{ ${cc} {
        auditEvents(first: 200) { nodes { ${AUDIT_EVENT_FIELDS} } }
        auditChain { verified firstBadSeq problem headSeq
          latestCheckpoint { sequence firstSeq treeSize rootHash headHash signedAt keyId signature } }
      } }`,
    },
    client.token(AUDITOR),
  );
  const namespace = response.body?.data?.[cc];
  const events: any[] | undefined = namespace?.auditEvents?.nodes;
  if (!Array.isArray(events)) {
    return `an AUDITOR (OVERSIGHT_AUDIT, ${cc.toUpperCase()}) could not read ${cc}.auditEvents: ${response.status} ${JSON.stringify(response.body?.errors ?? null).slice(0, 200)}`;
  }
  const bySeq = new Map<number, any>(events.map((event) => [event.seq, event]));
  for (const { label, requestId } of audited) {
    const mine = events.filter((event) => event.requestId === requestId);
    if (mine.length === 0) return `the ${label} probe (request ${requestId}) left no audit event`;
    for (const event of mine) {
      const recomputed = recomputeHash(event, cc.toUpperCase());
      if (recomputed !== event.hash) {
        return `the audit event of the ${label} probe (seq ${event.seq}) does not hash to its recorded hash`;
      }
      const previous = bySeq.get(event.seq - 1);
      if (previous && previous.hash !== event.prevHash) {
        return `the audit event of the ${label} probe (seq ${event.seq}) does not link to seq ${event.seq - 1}`;
      }
    }
  }
  const chain = namespace.auditChain;
  if (!chain) return 'the AUDITOR could not read auditChain';
  if (!chain.verified) return `the member's own verification of its chain fails at seq ${chain.firstBadSeq} (${chain.problem})`;
  const checkpoint = chain.latestCheckpoint;
  if (checkpoint && auditKey) {
    const problem = checkpointSignatureProblem(
      {
        jurisdiction: cc.toUpperCase(),
        firstSeq: checkpoint.firstSeq,
        treeSize: checkpoint.treeSize,
        rootHash: checkpoint.rootHash,
        headHash: checkpoint.headHash,
        issuedAt: checkpoint.signedAt,
        signature: checkpoint.signature,
      },
      auditKey,
    );
    if (problem) return `the latest checkpoint (seq ${checkpoint.sequence}) does not verify with the published key: ${problem}`;
  }
  return null;
}

/** The chain hash of an event read through GraphQL, as the member's log computes it. */
function recomputeHash(event: any, jurisdiction: string): string {
  const detail: AuditEventInput['detail'] = {};
  for (const { key, value } of event.detail ?? []) detail[key] = value;
  return auditEventHash({
    kind: event.kind,
    occurredAt: event.occurredAt,
    jurisdiction,
    actor: event.actor,
    roles: event.roles,
    agency: event.agency,
    homeCountry: event.homeCountry,
    purpose: event.purpose,
    caseRef: event.caseRef,
    requestId: event.requestId,
    operationHash: event.operationHash,
    entities: event.entities,
    released: event.released,
    minimised: event.minimised,
    denied: event.denied,
    decision: event.decision,
    emergency: event.emergency,
    detail,
    seq: event.seq,
    prevHash: event.prevHash,
  });
}
