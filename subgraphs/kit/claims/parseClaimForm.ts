import { ErrorCode } from '../../../core/errors/ErrorCode.js';
import { normalizeWalletId, WalletIdError } from '../../../core/identifiers/index.js';
import { readInstant } from '../requests/readInstant.js';
import { readText } from '../requests/readText.js';
import { assetDecimals } from './assetUnits.js';
import { ClaimRefusal } from './ClaimRefusal.js';
import type { Claimant, ClaimForm, LossEvidence } from './VictimClaim.js';

/** Most transactions one claim cites; a loss in more is filed as several claims. */
export const MAX_EVIDENCE = 100;

const EVM_HASH = /^0x[0-9a-f]{64}$/;
const PLAIN_HASH = /^[0-9a-f]{64}$/;
const UNITS = /^[1-9]\d{0,77}$/;
const COUNTRY = /^[A-Z]{2}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The claim form as typed, or a ClaimRefusal (BAD_USER_INPUT) naming the input path at
 * fault: `input.evidence[1].transactionHash`. Transaction hashes are checked for the form of
 * their chain (`0x` + 64 hex on EVM chains, 64 hex on Bitcoin and Tron) and stored lower
 * case, so the same loss claimed twice is seen as such.
 */
export function parseClaimForm(input: unknown, now: string): ClaimForm {
  const form = record(input, 'input');
  const asset = readText(form.asset, 'input.asset').toUpperCase();
  if (assetDecimals(asset) === null) {
    throw invalid('input.asset', 'Comity does not know the smallest unit of this asset');
  }
  const lossAt = readInstant(form.lossAt, 'input.lossAt');
  if (Date.parse(lossAt) > Date.parse(now)) {
    throw invalid('input.lossAt', 'A loss lies in the past');
  }
  if (!Array.isArray(form.evidence) || form.evidence.length === 0) {
    throw new ClaimRefusal(
      ErrorCode.BAD_USER_INPUT,
      'MISSING_FIELD',
      'Cite at least one transaction of the loss',
      'input.evidence',
    );
  }
  if (form.evidence.length > MAX_EVIDENCE) {
    throw invalid('input.evidence', `A claim cites at most ${MAX_EVIDENCE} transactions`);
  }
  const evidence = form.evidence.map((item, index) => evidenceOf(item, `input.evidence[${index}]`));
  const hashes = evidence.map((item) => item.transactionHash);
  if (new Set(hashes).size !== hashes.length) {
    throw invalid('input.evidence', 'Each transaction is cited once');
  }
  return {
    orderId: readText(form.orderId, 'input.orderId'),
    asset,
    amountUnits: unitsOf(form.amountUnits, 'input.amountUnits'),
    lossAt,
    evidence,
    claimant: partyOf(form.claimant, 'input.claimant', now),
  };
}

/** A person's identity as a claim or an objection carries it (stored, never released). */
export function partyOf(value: unknown, path: string, now: string): Claimant {
  const party = record(value, path);
  const birthDate = readText(party.birthDate, `${path}.birthDate`, 'optional');
  if (
    birthDate !== null &&
    (!ISO_DATE.test(birthDate) ||
      Number.isNaN(Date.parse(birthDate)) ||
      new Date(`${birthDate}T00:00:00Z`).toISOString().slice(0, 10) !== birthDate ||
      Date.parse(birthDate) > Date.parse(now))
  ) {
    throw invalid(`${path}.birthDate`, 'A birth date is a past ISO 8601 date (YYYY-MM-DD)');
  }
  const country = readText(party.country, `${path}.country`).toUpperCase();
  if (!COUNTRY.test(country)) {
    throw invalid(`${path}.country`, 'A country is an ISO 3166-1 alpha-2 code');
  }
  return {
    name: readText(party.name, `${path}.name`),
    birthDate,
    idNumber: readText(party.idNumber, `${path}.idNumber`, 'optional'),
    country,
  };
}

/** A positive integer amount in the asset's smallest unit, as decimal digits. */
export function unitsOf(value: unknown, path: string): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!UNITS.test(text)) {
    throw invalid(path, "An amount is a positive whole number of the asset's smallest unit");
  }
  return text;
}

function evidenceOf(value: unknown, path: string): LossEvidence {
  const item = record(value, path);
  const hash = readText(item.transactionHash, `${path}.transactionHash`).toLowerCase();
  const rawWallet = readText(item.fromWallet, `${path}.fromWallet`, 'optional');
  let fromWallet: string | null = null;
  if (rawWallet !== null) {
    try {
      fromWallet = normalizeWalletId(rawWallet);
    } catch (error) {
      if (error instanceof WalletIdError) throw invalid(`${path}.fromWallet`, error.message);
      throw error;
    }
  }
  const evm = fromWallet === null ? EVM_HASH.test(hash) : fromWallet.startsWith('eip155:');
  if (!(evm ? EVM_HASH : PLAIN_HASH).test(hash)) {
    throw invalid(
      `${path}.transactionHash`,
      evm
        ? 'An EVM transaction hash is 0x and 64 hexadecimal digits'
        : 'A transaction hash is 64 hexadecimal digits',
    );
  }
  return { transactionHash: hash, fromWallet };
}

function record(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ClaimRefusal(ErrorCode.BAD_USER_INPUT, 'MISSING_FIELD', `${path} is required`, path);
  }
  return value as Record<string, unknown>;
}

function invalid(path: string, message: string): ClaimRefusal {
  return new ClaimRefusal(ErrorCode.BAD_USER_INPUT, 'INVALID_FIELD', message, path);
}
