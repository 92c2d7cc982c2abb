import type { RequestGround } from './RequestPolicy.js';

/**
 * The grounds on which EU instruments let the executing State refuse or postpone, by code,
 * each with every article that allows it. A member accepting requests under them lists these
 * and adds the grounds of its other routes and its own law.
 */
export const EU_REQUEST_GROUNDS = {
  NE_BIS_IN_IDEM: {
    label: 'Contrary to ne bis in idem',
    legalBasis:
      'Regulation (EU) 2018/1805 Art. 8(1)(a), 19(1); Regulation (EU) 2023/1543 Art. 12(1)(c); Directive 2014/41/EU Art. 11(1)(d)',
    use: 'REFUSAL',
  },
  IMMUNITY_OR_PRIVILEGE: {
    label: 'An immunity or privilege, or press freedom, prevents execution',
    legalBasis:
      'Regulation (EU) 2018/1805 Art. 8(1)(b), 19(1); Regulation (EU) 2023/1543 Art. 12(1)(a); Directive 2014/41/EU Art. 11(1)',
    use: 'REFUSAL',
  },
  INCOMPLETE_CERTIFICATE: {
    label: 'Certificate incomplete or manifestly incorrect, and not completed after consultation',
    legalBasis: 'Regulation (EU) 2018/1805 Art. 8(1)(c), 19(1)',
    use: 'REFUSAL',
  },
  TERRITORIALITY: {
    label:
      'Offence committed partly in this State, where the conduct is not an offence under its law',
    legalBasis: 'Regulation (EU) 2018/1805 Art. 8(1)(d), 19(1); Directive 2014/41/EU Art. 11(1)',
    use: 'REFUSAL',
  },
  NO_DOUBLE_CRIMINALITY: {
    label: 'Not an offence under the law of this State (outside the listed offences)',
    legalBasis:
      'Regulation (EU) 2018/1805 Art. 8(1)(e), 19(1); Regulation (EU) 2023/1543 Art. 12(1)(d); Directive 2014/41/EU Art. 11(1)',
    use: 'REFUSAL',
  },
  FUNDAMENTAL_RIGHTS: {
    label: 'Execution would manifestly breach a fundamental right of the Charter',
    legalBasis:
      'Regulation (EU) 2018/1805 Art. 8(1)(f), 19(1)(h); Regulation (EU) 2023/1543 Art. 12(1)(b); Directive 2014/41/EU Art. 11(1)',
    use: 'REFUSAL',
  },
  BELOW_SERIOUS_CRIME_THRESHOLD: {
    label: 'The measure is restricted here to offences above a penalty threshold',
    legalBasis: 'Directive 2014/41/EU Art. 11(1)(h)',
    use: 'REFUSAL',
  },
  ONGOING_DOMESTIC_INVESTIGATION: {
    label: 'Execution would damage an ongoing criminal investigation here',
    legalBasis: 'Regulation (EU) 2018/1805 Art. 10(1)(a); Directive 2014/41/EU Art. 15(1)',
    use: 'POSTPONEMENT',
  },
  PROPERTY_ALREADY_FROZEN: {
    label: 'The property is already subject to a freezing order',
    legalBasis: 'Regulation (EU) 2018/1805 Art. 10(1)(b)',
    use: 'POSTPONEMENT',
  },
} as const satisfies Readonly<Record<string, RequestGround>>;
