import type {
  CrossBorderRequest,
  PropertyItem,
  RequestForm,
  RequestTransition,
} from '../../../../subgraphs/kit/requests/CrossBorderRequest.js';

const T0 = Date.parse('2025-03-01T12:00:00.000Z');

/** `hours` after 2025-03-01 12:00 UTC, as `toISOString` writes it. */
export const at = (hours: number): string => new Date(T0 + hours * 3_600_000).toISOString();

export const wallet = (n: number): string => `eip155:1:0x${n.toString(16).padStart(40, '0')}`;

export const walletItem = (n: number, asset: string, amount: string): PropertyItem => ({
  wallet: wallet(n),
  vaspAccount: null,
  asset,
  amount,
});

export const FREEZING_FORM: RequestForm = {
  type: 'FREEZING',
  freezing: {
    issuingAuthority: 'Staatsanwaltschaft Berlin',
    validatingJudge: null,
    offence: 'money laundering',
    legalQualification: '§ 261 StGB',
    property: [walletItem(1, 'BTC', '1.5')],
    urgent: false,
    urgencyReason: null,
    victimsInterests: null,
  },
};

/** A request from the German BKA to France, as filed (version 1, SUBMITTED); `overrides` win. */
export function storedRequest(
  id: string,
  overrides: Partial<CrossBorderRequest> = {},
): CrossBorderRequest {
  const form = overrides.form ?? FREEZING_FORM;
  return {
    id,
    type: form.type,
    state: 'SUBMITTED',
    version: 1,
    executingState: 'FR',
    issuingState: 'DE',
    issuingAgency: 'BKA',
    issuingRole: 'PROSECUTOR',
    issuedBy: 'prosecutor-1',
    caseRef: 'DE-2025-1',
    receivedAt: at(0),
    form,
    urgent: false,
    recognisedAt: null,
    recognisedBy: null,
    grantedCategories: null,
    executedAt: null,
    ground: null,
    reason: null,
    postponedUntil: null,
    extensions: [],
    authorisationReviewAt: null,
    expiresAt: null,
    resumeState: null,
    updatedAt: overrides.receivedAt ?? at(0),
    ...overrides,
  };
}

/** The transition that wrote `request` as it is. */
export function transitionTo(
  request: CrossBorderRequest,
  action: RequestTransition['action'],
  from: CrossBorderRequest['state'] | null,
  ground: string | null = null,
): Omit<RequestTransition, 'auditSeq'> {
  return {
    version: request.version,
    action,
    from,
    to: request.state,
    actor: action === 'FILE' ? request.issuedBy : 'officer-fr-1',
    role: action === 'FILE' ? request.issuingRole : 'CENTRAL_AUTHORITY',
    agency: action === 'FILE' ? request.issuingAgency : 'PNF',
    country: action === 'FILE' ? request.issuingState : request.executingState,
    at: request.updatedAt,
    ground,
    reason: ground === null ? null : 'stated reason',
  };
}
