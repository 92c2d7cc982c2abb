import { HashPositionIndex } from '../../kit/registry/HashPositionIndex.js';
import type { PackedBalance } from './parseFtmEntity.js';
import type { FtmFileContent } from './readFtmFile.js';
import type { PackedResolution } from './SanctionEntry.js';

/** What resolving every Sanction's references found. */
export interface ResolvedSanctions {
  /** PackedResolution JSON, by Sanction position. */
  resolutions: string[];
  /** Sanction positions by the wallets they name. */
  byWallet: HashPositionIndex;
}

/**
 * Resolves what the file's entities refer to: each wallet's `holder`, each Sanction's
 * `entity` (exactly one Person, Company or Organization, and any CryptoWallets). A Sanction
 * that names no wallet reaches the wallets its party holds. Dangling references and
 * impossible orders are added to `content.problems`; the result is only meaningful when
 * none were found.
 */
export function resolveSanctions(content: FtmFileContent): ResolvedSanctions {
  const walletsByHolder = heldWallets(content);
  const resolutions: string[] = [];
  const byWallet = new HashPositionIndex();
  content.sanctions.ids.forEach((_id, position) => {
    const found = sanctionReferences(content, position, walletsByHolder);
    // Once the load is known to fail, Sanctions are only checked, not packed.
    if (found === null || content.problems.length > 0) return;
    const { party, walletPositions } = found;
    const walletIds = [
      ...new Set(walletPositions.map((wallet) => content.wallets.walletIds[wallet]!)),
    ];
    resolutions[position] = packResolution(content, position, party, walletIds, walletPositions);
    for (const walletId of walletIds) byWallet.add(walletId, position);
  });
  return { resolutions, byWallet };
}

function problem(content: FtmFileContent, line: number, recordId: string, reason: string): void {
  content.problems.push({ file: content.label, line, recordId, reason });
}

/** Why an id that should name a party or wallet does not. */
function describeId(content: FtmFileContent, id: string): string {
  if (content.sanctions.byId.has(id)) return 'is a Sanction, not a legal entity or wallet';
  if (content.wallets.byId.has(id)) return 'is a CryptoWallet, not a legal entity';
  return 'names no entity in the file';
}

/** Wallet positions by the id of the party holding them. */
function heldWallets(content: FtmFileContent): Map<string, number[]> {
  const { parties, wallets } = content;
  const walletsByHolder = new Map<string, number[]>();
  wallets.holders.forEach((holderId, position) => {
    if (holderId === null) return;
    if (!parties.byId.has(holderId)) {
      const reference = JSON.stringify(holderId);
      problem(
        content,
        wallets.lines[position]!,
        wallets.entityIds[position]!,
        `dangling reference: holder ${reference} ${describeId(content, holderId)}`,
      );
      return;
    }
    const held = walletsByHolder.get(holderId);
    if (held) held.push(position);
    else walletsByHolder.set(holderId, [position]);
  });
  return walletsByHolder;
}

/** The Sanction's one party and its wallets, or null after adding the problem found. */
function sanctionReferences(
  content: FtmFileContent,
  position: number,
  walletsByHolder: ReadonlyMap<string, number[]>,
): { party: number; walletPositions: number[] } | null {
  const { sanctions, parties, wallets } = content;
  const sanctionId = sanctions.ids[position]!;
  const line = sanctions.lines[position]!;
  const partyPositions: number[] = [];
  const listedWallets: number[] = [];
  let partyId: string | undefined;
  for (const entityId of sanctions.entityIds[position]!) {
    const wallet = wallets.byId.get(entityId);
    const party = parties.byId.get(entityId);
    if (wallet !== undefined) {
      listedWallets.push(wallet);
    } else if (party !== undefined) {
      partyPositions.push(party);
      partyId ??= entityId;
    } else {
      const reference = JSON.stringify(entityId);
      const reason = `dangling reference: entity ${reference} ${describeId(content, entityId)}`;
      problem(content, line, sanctionId, reason);
      return null;
    }
  }
  if (partyPositions.length !== 1) {
    problem(
      content,
      line,
      sanctionId,
      `Sanction: "entity" must name exactly one Person, Company or Organization (found ${partyPositions.length})`,
    );
    return null;
  }
  const walletPositions =
    listedWallets.length > 0 ? listedWallets : (walletsByHolder.get(partyId!) ?? []);
  if (sanctions.kinds[position] === 'ConfiscationOrder') {
    const reason = confiscationProblem(content, walletPositions);
    if (reason !== null) {
      problem(content, line, sanctionId, reason);
      return null;
    }
  }
  return { party: partyPositions[0]!, walletPositions };
}

function balanceOf(content: FtmFileContent, wallet: number): PackedBalance | null {
  const packed = content.wallets.balances[wallet];
  return packed == null ? null : (JSON.parse(packed) as PackedBalance);
}

/** Why an Einziehung cannot be an order of one asset, or null when it can. */
function confiscationProblem(
  content: FtmFileContent,
  walletPositions: readonly number[],
): string | null {
  const assets = new Set<string>();
  for (const wallet of walletPositions) {
    if (balanceOf(content, wallet)?.[2] != null) {
      assets.add(content.strings.at(content.wallets.currencies[wallet]!));
    }
  }
  if (assets.size === 1) return null;
  return assets.size === 0
    ? 'Sanction (Einziehung): no wallet of the order carries "amount" and "currency"'
    : `Sanction (Einziehung): confiscated wallets hold more than one asset (${[...assets].join(', ')})`;
}

/**
 * The Sanction's party, wallets and what the wallets hold, as one JSON array. A freezing
 * order holds each wallet's balance, as of its balanceDate (else the wallet's modifiedAt,
 * else the order's date). A confiscation order's amount is what was confiscated from each
 * wallet (`amount`), summed; `balance` is what the state still holds of it, so the rest
 * went back to victims.
 */
function packResolution(
  content: FtmFileContent,
  position: number,
  partyPosition: number,
  walletIds: string[],
  walletPositions: readonly number[],
): string {
  const { sanctions, wallets } = content;
  const kind = sanctions.kinds[position]!;
  const sortDate = sanctions.sortDates[position]!;
  const holdings: PackedResolution[2] = [];
  let confiscation: PackedResolution[3] = null;
  if (kind === 'FreezingOrder') {
    for (const wallet of walletPositions) {
      const balance = balanceOf(content, wallet);
      if (balance === null || balance[0] === null) continue;
      holdings.push([
        walletIds.indexOf(wallets.walletIds[wallet]!),
        wallets.currencies[wallet]!,
        balance[0],
        balance[1] ?? balance[3] ?? sortDate,
      ]);
    }
  } else if (kind === 'ConfiscationOrder') {
    let asset = 0;
    let amount = 0n;
    let restituted = 0n;
    for (const wallet of walletPositions) {
      const balance = balanceOf(content, wallet);
      if (balance === null || balance[2] === null) continue;
      asset = wallets.currencies[wallet]!;
      const confiscated = toUnits(balance[2]);
      amount += confiscated;
      if (balance[0] !== null) {
        const returned = confiscated - toUnits(balance[0]);
        if (returned > 0n) restituted += returned;
      }
    }
    confiscation = [asset, fromUnits(amount), fromUnits(restituted)];
  }
  const resolution: PackedResolution = [partyPosition, walletIds, holdings, confiscation];
  return JSON.stringify(resolution);
}

/** Decimal digits kept when amounts are summed: as many as checkField's decimals allow. */
const SCALE = 18;

function toUnits(decimal: string): bigint {
  const negative = decimal.startsWith('-');
  const [whole, fraction = ''] = (negative ? decimal.slice(1) : decimal).split('.');
  const units = BigInt(whole!) * 10n ** BigInt(SCALE) + BigInt(fraction.padEnd(SCALE, '0'));
  return negative ? -units : units;
}

function fromUnits(units: bigint): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(SCALE + 1, '0');
  const whole = digits.slice(0, -SCALE);
  const fraction = digits.slice(-SCALE).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}
