import { expandCountries } from '../../../core/policy/expandCountries.js';
import type { JurisdictionPolicy } from '../../../core/policy/JurisdictionPolicy.js';
import type { Role } from '../../../core/policy/policySpec.js';
import type { AuditLog } from '../audit/openAuditLog.js';
import { toUnits } from '../claims/assetUnits.js';
import { claimDesk } from '../claims/claimDesk.js';
import type { ClaimEvent } from '../claims/claimDesk.js';
import type { ClaimActor, ClaimForm, VictimClaim } from '../claims/VictimClaim.js';
import { withRecognisedOrders } from '../requests/withRecognisedOrders.js';

const DAY = 86_400_000;

/**
 * Seeds victims' claims on the confiscation this member recognised from abroad, through the
 * real claim procedure (`claimDesk`, so every write is in its audit chain): claims by
 * officers of two countries that together exceed what was confiscated, one loss claimed
 * twice, claims in every state (one paid out of a recorded allocation), a sale recorded, and
 * one innocent holder's objection left open. Nothing for a member that holds no assets or
 * already holds claims. Returns the number of claims written.
 */
export async function seedClaims(options: {
  log: AuditLog;
  policy: JurisdictionPolicy;
  /**
   * Every member's code, upper case: victims' officers come from the first other one whose
   * claims this policy accepts.
   */
  members: readonly string[];
  now: Date;
}): Promise<number> {
  const { log, policy } = options;
  const claims = policy.claims;
  const code = policy.jurisdiction;
  if (!claims?.holdsAssets) return 0;
  if ((await log.claims.claims({}, 1)).totalCount > 0) return 0;
  const order = (await log.requests.recognisedOrders()).find(
    (request) =>
      request.form.type === 'CONFISCATION' &&
      request.state === 'EXECUTED' &&
      request.form.confiscation.property.some((item) => item.asset && item.amount),
  );
  if (!order || order.form.type !== 'CONFISCATION') return 0;
  const item = order.form.confiscation.property.find((entry) => entry.asset && entry.amount)!;
  const asset = item.asset!;
  const recovered = toUnits(item.amount!, asset);
  const orderId = `rco-${order.id}`;
  const assets = withRecognisedOrders(null, log.requests, {
    jurisdiction: code,
    instrumentOf: (type) => policy.requests.types[type]?.instrument ?? type,
    backend: log.client.backend,
  });
  const desk = claimDesk({ policy, log, assets, requests: log.requests });
  // The victims' officer abroad comes from a member this policy accepts claims from.
  const acceptedFrom = expandCountries(policy, claims.acceptedFrom);
  const abroad =
    options.members.find(
      (member) => member !== code && (acceptedFrom === null || acceptedFrom.includes(member)),
    ) ?? code;
  const officer = (country: string, roles: readonly Role[], agency: string): ClaimActor => ({
    subject: `seed-${country.toLowerCase()}-${roles[0]!.toLowerCase()}`,
    roles,
    country,
    agency,
  });
  const here = officer(code, [claims.filingRoles[0]!], `${code} victims' office`);
  const there = officer(abroad, [claims.filingRoles[0]!], `${abroad} victims' office`);
  const verifier = officer(code, [claims.verifyingRoles[0]!], `${code} asset recovery`);
  const allocator = officer(code, [claims.allocatingRoles[0]!], `${code} asset recovery`);
  const payer = officer(code, [claims.payingRoles[0]!], `${code} asset recovery`);
  let clock = options.now.getTime() - 20 * DAY;
  const tick = () => new Date((clock += 3_600_000)).toISOString();
  const event = (actor: ClaimActor, at: string): ClaimEvent => ({
    occurredAt: at,
    jurisdiction: code,
    actor: actor.subject,
    roles: [...actor.roles],
    agency: actor.agency,
    homeCountry: actor.country,
    purpose: 'VICTIM_RESTITUTION',
    caseRef: order.caseRef,
    requestId: `seed-claims-${at}`,
    operationHash: '',
    entities: [],
    released: [],
    minimised: [],
    denied: [],
    decision: 'NONE',
    emergency: false,
  });
  const hash = (n: number) => n.toString(16).padStart(64, 'a');
  const form = (share: bigint, n: number, country: string, evidence = [n]): ClaimForm => ({
    orderId,
    asset,
    amountUnits: ((recovered * share) / 100n || 1n).toString(),
    lossAt: new Date(options.now.getTime() - (400 - n) * DAY).toISOString(),
    evidence: evidence.map((e) => ({ transactionHash: hash(e), fromWallet: null })),
    claimant: {
      name: `Seeded Victim ${code}-${n}`,
      birthDate: `19${60 + n}-0${1 + (n % 9)}-1${n % 10}`,
      idNumber: `ID-${code}-${1000 + n}`,
      country,
    },
  });
  const file = async (actor: ClaimActor, claimForm: ClaimForm) => {
    const at = tick();
    return desk.fileClaim(claimForm, actor, order.caseRef, at, event(actor, at));
  };
  const act = async (
    claim: VictimClaim,
    actor: ClaimActor,
    action: 'START_VERIFICATION' | 'VERIFY' | 'REJECT' | 'WITHDRAW' | 'PAY',
    extra: { ground?: string; reason?: string } = {},
  ) => {
    const at = tick();
    return desk.actOnClaim(
      claim,
      claim.version,
      { action, actor, now: at, ...extra },
      event(actor, at),
    );
  };
  const verify = async (claim: VictimClaim) =>
    act(await act(claim, verifier, 'START_VERIFICATION'), verifier, 'VERIFY', {
      reason: 'Loss traced to the confiscated wallet; identity checked against the file',
    });

  // Over-subscribed: 60 % + 50 % + 30 % of what was confiscated, victims in two countries.
  const first = await verify(await file(here, form(60n, 1, code)));
  await verify(await file(there, form(50n, 2, abroad)));
  // The same transfer as the second claim: a loss claimed twice, flagged in the view.
  await verify(await file(there, form(30n, 3, abroad, [3, 2])));
  let at = tick();
  await desk.allocate(orderId, asset, allocator, at, event(allocator, at));
  await act((await log.claims.claim(first.id))!, payer, 'PAY');
  // Every other state.
  await file(here, form(5n, 4, code));
  await act(await file(there, form(5n, 5, abroad)), verifier, 'START_VERIFICATION');
  await verify(await file(here, form(5n, 6, code)));
  const ground = Object.keys(claims.rejectionGrounds)[0]!;
  await act(
    await act(await file(there, form(5n, 7, abroad)), verifier, 'START_VERIFICATION'),
    verifier,
    'REJECT',
    {
      ground,
      reason: 'Examined on the file sent with the claim',
    },
  );
  await act(await file(here, form(5n, 8, code)), here, 'WITHDRAW');
  at = tick();
  await desk.recordDisposition(
    {
      kind: 'SOLD',
      orderId,
      asset,
      amountUnits: ((recovered * 10n) / 100n || 1n).toString(),
      price: '1000.00',
      currency: 'EUR',
      rate: '1.00',
    },
    payer,
    at,
    event(payer, at),
  );
  // One innocent holder's objection, left open: no further allocation until a judge decides.
  at = tick();
  await desk.fileObjection(
    {
      orderId,
      asset,
      amountUnits: ((recovered * 5n) / 100n || 1n).toString(),
      holder: { name: `Seeded Holder ${code}`, country: code },
      grounds:
        'Bought the coins on a regulated exchange before the freeze, for value and in good faith',
    },
    here,
    order.caseRef,
    at,
    event(here, at),
  );
  return 8;
}
