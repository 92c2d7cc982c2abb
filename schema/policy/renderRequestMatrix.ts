import { EU_MEMBER_STATES } from '../../core/policy/countries.js';
import type { RequestDeadlineRule } from '../../core/policy/RequestPolicy.js';
import type { AcceptedCountries, RequestMatrix } from './requestMatrix.js';

const plural = (amount: number, unit: string) => `${amount} ${unit}${amount === 1 ? '' : 's'}`;

/** `48 h`, `45 days`, `2 working days`. */
function period(rule: RequestDeadlineRule): string {
  switch (rule.unit) {
    case 'HOURS':
      return `${rule.amount} h`;
    case 'DAYS':
      return plural(rule.amount, 'day');
    case 'WORKING_DAYS':
      return plural(rule.amount, 'working day');
  }
}

const FROM: Readonly<Record<RequestDeadlineRule['from'], string>> = {
  RECEIPT: 'receipt',
  DECISION: 'recognition',
  EXECUTION: 'execution',
};

const appliesTo = (rule: RequestDeadlineRule) =>
  rule.urgent === undefined ? 'all' : rule.urgent ? 'urgent' : 'not urgent';

/** `EU_2018_1805 (AT, BE, …)`, `EU (the 27 member states)`, `DK`, `ANY (every country)`. */
function countries({ ref, countries: codes }: AcceptedCountries): string {
  if (codes === null) return `${ref} (every country)`;
  if (codes.length === 1 && codes[0] === ref) return ref;
  if (ref === 'EU' && codes.length === EU_MEMBER_STATES.length) return 'EU (the 27 member states)';
  return `${ref} (${codes.join(', ')})`;
}

const roles = (list: readonly string[]) => (list.length === 0 ? '—' : list.join(', '));

/** A table cell: pipes would end the cell. */
const cell = (text: string) => text.replaceAll('|', '\\|');

/**
 * A member's request policy as Markdown, under its section of docs/policy-matrix.md: which
 * types it accepts from whom under which instrument, who acts at each step, every deadline
 * with the provision that sets it, and its grounds for refusal and postponement.
 */
export function renderRequestMatrix(matrix: RequestMatrix): string[] {
  const accepted = matrix.types.flatMap(({ type, accepted: rules }) =>
    rules === null ? [] : [{ type, rules }],
  );
  const refused = matrix.types.filter(({ accepted: rules }) => rules === null);
  const lines = [
    `### Cross-border requests addressed to ${matrix.jurisdiction}`,
    '',
    `Requests filed with ${matrix.jurisdiction}, stored and decided there (docs/policy.md, "Cross-border requests").`,
    '',
    '#### Accepted types, by instrument and issuing country',
    '',
    '| Type | Instrument | Issuing countries |',
    '| --- | --- | --- |',
    ...accepted.flatMap(({ type, rules }) =>
      rules.routes.map(
        (route, index) =>
          `| ${index === 0 ? type : ''} | ${cell(route.instrument)} | ${route.acceptedFrom.map(countries).join('; ')} |`,
      ),
    ),
    ...refused.map(({ type }) => `| ${type} | not accepted: refused at filing | — |`),
    '',
    '#### Who acts, by step',
    '',
    '| Type | Issues (abroad) | Needs validation | Acknowledges | Decides | Executes |',
    '| --- | --- | --- | --- | --- | --- |',
    ...accepted.map(
      ({ type, rules }) =>
        `| ${type} | ${roles(rules.issuingRoles)} | ${roles(rules.validationRequiredFor)} | ` +
        `${roles(rules.acknowledgingRoles)} | ${roles(rules.decidingRoles)} | ${roles(rules.executingRoles)} |`,
    ),
    '',
    '#### Deadlines',
    '',
    'Computed from the moment named, never typed in: hours and days on the calendar, working days',
    'skipping weekends and the holidays below.',
    '',
    '| Type | Issuing countries | Step | Period | Counted from | Requests | Legal basis |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...accepted.flatMap(({ type, rules }) =>
      rules.routes.flatMap((route, routeIndex) =>
        route.deadlines.map(
          (rule, index) =>
            `| ${routeIndex === 0 && index === 0 ? type : ''} | ` +
            `${index === 0 ? route.acceptedFrom.map(({ ref }) => ref).join(', ') : ''} | ` +
            `${rule.milestone} | ${period(rule)} | ${FROM[rule.from]} | ${appliesTo(rule)} | ${cell(rule.legalBasis)} |`,
        ),
      ),
    ),
    '',
  ];
  for (const { type, rules } of accepted) {
    if (rules.seriousCrime) {
      lines.push(
        `${type}: only for offences punishable by at least ${plural(rules.seriousCrime.minPenaltyYears, 'year')} of imprisonment (${rules.seriousCrime.legalBasis}).`,
        '',
      );
    }
    if (rules.authorisationReview) {
      lines.push(
        `${type}: a judge reviews the authorisation within ${plural(rules.authorisationReview.days, 'day')} of execution, or it expires (${rules.authorisationReview.legalBasis}).`,
        '',
      );
    }
  }
  lines.push(
    `Holidays: ${matrix.holidays.length === 0 ? 'none besides weekends' : matrix.holidays.join(', ')}.`,
    '',
    '#### Grounds for refusal and postponement',
    '',
    '| Code | Ground | Use | Legal basis |',
    '| --- | --- | --- | --- |',
    ...matrix.grounds.map(
      (ground) =>
        `| \`${ground.code}\` | ${cell(ground.label)} | ${ground.use.toLowerCase()} | ${cell(ground.legalBasis)} |`,
    ),
    '',
  );
  return lines;
}
