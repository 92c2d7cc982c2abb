import type { IncomingMessage } from 'node:http';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { CallerIdentity } from '../../gateway/auth/createCallerVerifier.js';
import { MAX_CASE_REF_LENGTH, createRequestContext } from '../../gateway/createRequestContext.js';

const caller: CallerIdentity = {
  subject: 'analyst-1',
  roles: ['ANALYST'],
  homeCountry: 'FR',
  agency: 'agency-1',
  tokenId: null,
  expiresAt: 4_102_444_800,
};

const requestWith = (headers: IncomingMessage['headers']) => ({ headers }) as IncomingMessage;

describe('createRequestContext', () => {
  it.each([
    ['no headers', {}, { purpose: null, unknownPurpose: null, caseRef: null }],
    [
      'a known purpose, trimmed',
      { 'x-comity-purpose': '  ASSET_TRACING ' },
      { purpose: 'ASSET_TRACING', unknownPurpose: null, caseRef: null },
    ],
    [
      'an unknown purpose, kept aside',
      { 'x-comity-purpose': 'CURIOSITY' },
      { purpose: null, unknownPurpose: 'CURIOSITY', caseRef: null },
    ],
    [
      'a blank purpose, as none',
      { 'x-comity-purpose': '   ' },
      { purpose: null, unknownPurpose: null, caseRef: null },
    ],
    [
      'the first of repeated headers',
      { 'x-comity-purpose': ['FREEZE_EXECUTION', 'CURIOSITY'] as unknown as string },
      { purpose: 'FREEZE_EXECUTION', unknownPurpose: null, caseRef: null },
    ],
    [
      'a case reference',
      { 'x-comity-purpose': 'CRIMINAL_INVESTIGATION', 'x-comity-case-ref': 'FR/2024:Dossier #7_b' },
      { purpose: 'CRIMINAL_INVESTIGATION', unknownPurpose: null, caseRef: 'FR/2024:Dossier #7_b' },
    ],
    [
      'a case reference of the longest length',
      { 'x-comity-case-ref': 'x'.repeat(MAX_CASE_REF_LENGTH) },
      { purpose: null, unknownPurpose: null, caseRef: 'x'.repeat(MAX_CASE_REF_LENGTH) },
    ],
  ])('reads %s', async (_name, headers, expected) => {
    const context = await createRequestContext(requestWith(headers), caller);
    expect(context).toMatchObject({ caller, ...expected });
    expect(context.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it.each([
    ['too long', 'x'.repeat(MAX_CASE_REF_LENGTH + 1)],
    ['a control character', 'case\u0000ref'],
    ['a character outside the pattern', 'case<ref>'],
  ])('refuses a case reference %s with 400 BAD_CASE_REF', async (_name, caseRef) => {
    const refused = createRequestContext(requestWith({ 'x-comity-case-ref': caseRef }), caller);
    await expect(refused).rejects.toBeInstanceOf(GraphQLError);
    await expect(refused).rejects.toMatchObject({
      message: 'The x-comity-case-ref header is not a valid case reference',
      extensions: { code: 'BAD_USER_INPUT', reason: 'BAD_CASE_REF', http: { status: 400 } },
    });
  });

  it('gives every request an id of its own', async () => {
    const first = await createRequestContext(requestWith({}), caller);
    const second = await createRequestContext(requestWith({}), caller);
    expect(first.requestId).not.toBe(second.requestId);
  });
});
