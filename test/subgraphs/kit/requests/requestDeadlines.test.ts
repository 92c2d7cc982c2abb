import { describe, expect, it } from 'vitest';
import type { RequestTypePolicy } from '../../../../core/policy/RequestPolicy.js';
import type {
  CrossBorderRequest,
  RequestTransition,
} from '../../../../subgraphs/kit/requests/CrossBorderRequest.js';
import { requestDeadlines } from '../../../../subgraphs/kit/requests/requestDeadlines.js';
import type { RequestDeadline } from '../../../../subgraphs/kit/requests/requestDeadlines.js';
import { sampleRequest } from '../../../support/requestFixtures.js';

// Received Friday 3 May 2024, 10:00 UTC; Monday 6 May is a holiday of the member.
const HOLIDAYS = ['2024-05-06'];

function deadlines(
  rules: RequestTypePolicy['deadlines'],
  request: CrossBorderRequest,
  history: Pick<RequestTransition, 'action' | 'from' | 'to' | 'at'>[] = [],
): RequestDeadline[] {
  return requestDeadlines(request, history, { deadlines: rules }, HOLIDAYS);
}

const FREEZING_RULES: RequestTypePolicy['deadlines'] = [
  {
    milestone: 'DECIDE',
    amount: 48,
    unit: 'HOURS',
    from: 'RECEIPT',
    urgent: true,
    legalBasis: '2018/1805 Art. 9(2)',
  },
  {
    milestone: 'DECIDE',
    amount: 30,
    unit: 'DAYS',
    from: 'RECEIPT',
    urgent: false,
    legalBasis: 'national',
  },
  {
    milestone: 'EXECUTE',
    amount: 48,
    unit: 'HOURS',
    from: 'DECISION',
    urgent: true,
    legalBasis: '2018/1805 Art. 9(3)',
  },
];
const DISCLOSURE_RULES: RequestTypePolicy['deadlines'] = [
  {
    milestone: 'EXECUTE',
    amount: 10,
    unit: 'DAYS',
    from: 'RECEIPT',
    urgent: false,
    legalBasis: '2023/1543 Art. 10(2)',
  },
  {
    milestone: 'EXECUTE',
    amount: 8,
    unit: 'HOURS',
    from: 'RECEIPT',
    urgent: true,
    legalBasis: '2023/1543 Art. 10(4)',
  },
];
const ACK = {
  milestone: 'ACKNOWLEDGE',
  amount: 2,
  unit: 'WORKING_DAYS',
  from: 'RECEIPT',
  legalBasis: 'member',
} as const;

describe('requestDeadlines', () => {
  it('urgent freezing: 48 h to decide from receipt; the execution clock starts at recognition', () => {
    const urgent = sampleRequest('FREEZING', { urgent: true });
    expect(deadlines(FREEZING_RULES, urgent)).toEqual([
      {
        milestone: 'DECIDE',
        dueAt: '2024-05-05T10:00:00.000Z',
        legalBasis: '2018/1805 Art. 9(2)',
        reachedAt: null,
        met: false,
      },
      {
        milestone: 'EXECUTE',
        dueAt: null,
        legalBasis: '2018/1805 Art. 9(3)',
        reachedAt: null,
        met: false,
      },
    ]);
    const recognised = { ...urgent, recognisedAt: '2024-05-04T09:00:00.000Z' };
    const history = [
      {
        action: 'RECOGNISE' as const,
        from: 'ACKNOWLEDGED' as const,
        to: 'UNDER_REVIEW' as const,
        at: '2024-05-04T09:00:00.000Z',
      },
    ];
    expect(deadlines(FREEZING_RULES, recognised, history)).toEqual([
      {
        milestone: 'DECIDE',
        dueAt: '2024-05-05T10:00:00.000Z',
        legalBasis: '2018/1805 Art. 9(2)',
        reachedAt: '2024-05-04T09:00:00.000Z',
        met: true,
      },
      {
        milestone: 'EXECUTE',
        dueAt: '2024-05-06T09:00:00.000Z',
        legalBasis: '2018/1805 Art. 9(3)',
        reachedAt: null,
        met: false,
      },
    ]);
  });

  it('a request not marked urgent gets the other rules only', () => {
    expect(deadlines(FREEZING_RULES, sampleRequest('FREEZING'))).toEqual([
      {
        milestone: 'DECIDE',
        dueAt: '2024-06-02T10:00:00.000Z',
        legalBasis: 'national',
        reachedAt: null,
        met: false,
      },
    ]);
  });

  // [what, rules, request, history, expected (milestone, dueAt, reachedAt, met)]
  const table: [
    string,
    RequestTypePolicy['deadlines'],
    CrossBorderRequest,
    Pick<RequestTransition, 'action' | 'from' | 'to' | 'at'>[],
    [string, string | null, string | null, boolean][],
  ][] = [
    [
      'confiscation: 45 days to decide, refused late',
      [
        {
          milestone: 'DECIDE',
          amount: 45,
          unit: 'DAYS',
          from: 'RECEIPT',
          legalBasis: '2018/1805 Art. 20(1)',
        },
      ],
      sampleRequest('CONFISCATION'),
      [{ action: 'REFUSE', from: 'UNDER_REVIEW', to: 'REFUSED', at: '2024-06-20T10:00:00.000Z' }],
      [['DECIDE', '2024-06-17T10:00:00.000Z', '2024-06-20T10:00:00.000Z', false]],
    ],
    [
      'production order: 10 days',
      DISCLOSURE_RULES,
      sampleRequest('DISCLOSURE'),
      [],
      [['EXECUTE', '2024-05-13T10:00:00.000Z', null, false]],
    ],
    [
      'emergency production order: 8 hours, executed in time',
      DISCLOSURE_RULES,
      sampleRequest('DISCLOSURE', { urgent: true }),
      [{ action: 'EXECUTE', from: 'UNDER_REVIEW', to: 'EXECUTED', at: '2024-05-03T17:59:00.000Z' }],
      [['EXECUTE', '2024-05-03T18:00:00.000Z', '2024-05-03T17:59:00.000Z', true]],
    ],
    [
      'preservation: 60 days from execution',
      [
        {
          milestone: 'EXPIRE',
          amount: 60,
          unit: 'DAYS',
          from: 'EXECUTION',
          legalBasis: '2023/1543 Art. 11(1)',
        },
      ],
      sampleRequest('PRESERVATION', { executedAt: '2024-05-06T12:00:00.000Z' }),
      [],
      [['EXPIRE', '2024-07-05T12:00:00.000Z', null, false]],
    ],
    [
      'preservation not executed yet: no expiry',
      [{ milestone: 'EXPIRE', amount: 60, unit: 'DAYS', from: 'EXECUTION', legalBasis: 'x' }],
      sampleRequest('PRESERVATION'),
      [],
      [['EXPIRE', null, null, false]],
    ],
    [
      'working days across a weekend and a holiday',
      [ACK],
      sampleRequest('FREEZING'),
      [],
      [['ACKNOWLEDGE', '2024-05-08T23:59:59.999Z', null, false]],
    ],
    [
      'acknowledged by a refusal straight from SUBMITTED',
      [ACK],
      sampleRequest('FREEZING'),
      [{ action: 'REFUSE', from: 'SUBMITTED', to: 'REFUSED', at: '2024-05-07T08:00:00.000Z' }],
      [['ACKNOWLEDGE', '2024-05-08T23:59:59.999Z', '2024-05-07T08:00:00.000Z', true]],
    ],
    [
      'a withdrawal or an extension is not an acknowledgement',
      [ACK],
      sampleRequest('FREEZING'),
      [
        { action: 'EXTEND', from: 'SUBMITTED', to: 'SUBMITTED', at: '2024-05-07T08:00:00.000Z' },
        { action: 'WITHDRAW', from: 'SUBMITTED', to: 'WITHDRAWN', at: '2024-05-07T09:00:00.000Z' },
      ],
      [['ACKNOWLEDGE', '2024-05-08T23:59:59.999Z', null, false]],
    ],
    [
      'an extension replaces the due time, and a decision before it is met',
      [ACK],
      sampleRequest('FREEZING', {
        extensions: [
          {
            milestone: 'ACKNOWLEDGE',
            until: '2024-05-10T12:00:00.000Z',
            reason: 'staff',
            at: '2024-05-07T08:00:00.000Z',
          },
          {
            milestone: 'ACKNOWLEDGE',
            until: '2024-05-15T12:00:00.000Z',
            reason: 'more',
            at: '2024-05-09T08:00:00.000Z',
          },
          {
            milestone: 'DECIDE',
            until: '2024-05-30T12:00:00.000Z',
            reason: 'other',
            at: '2024-05-09T08:00:00.000Z',
          },
        ],
      }),
      [
        {
          action: 'ACKNOWLEDGE',
          from: 'SUBMITTED',
          to: 'ACKNOWLEDGED',
          at: '2024-05-14T08:00:00.000Z',
        },
      ],
      [['ACKNOWLEDGE', '2024-05-15T12:00:00.000Z', '2024-05-14T08:00:00.000Z', true]],
    ],
    [
      'an extension waits for its period to start',
      [{ milestone: 'EXECUTE', amount: 48, unit: 'HOURS', from: 'DECISION', legalBasis: 'x' }],
      sampleRequest('FREEZING', {
        extensions: [
          {
            milestone: 'EXECUTE',
            until: '2024-05-30T12:00:00.000Z',
            reason: 'r',
            at: '2024-05-04T08:00:00.000Z',
          },
        ],
      }),
      [],
      [['EXECUTE', null, null, false]],
    ],
  ];
  it.each(table)('%s', (_, rules, request, history, expected) => {
    expect(
      deadlines(rules, request, history).map((d) => [d.milestone, d.dueAt, d.reachedAt, d.met]),
    ).toEqual(expected);
  });
});
