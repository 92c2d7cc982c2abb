import type { Arrangement } from './JurisdictionPolicy.js';
import { EU_MEMBER_STATES } from './countries.js';

const except = (...left: string[]) => EU_MEMBER_STATES.filter((code) => !left.includes(code));

/**
 * The member states each EU criminal-justice instrument binds, for members that accept
 * requests under it. Not all 27: Denmark takes no part in measures under Title V TFEU
 * (Protocol No 22), and Ireland only in those it opts into (Protocol No 21).
 */
export const EU_INSTRUMENT_ARRANGEMENTS: Readonly<Record<string, Arrangement>> = {
  EU_2018_1805: {
    basis:
      'Regulation (EU) 2018/1805 (freezing and confiscation orders): every member state but Denmark and Ireland, which keep Framework Decisions 2003/577/JHA and 2006/783/JHA',
    countries: except('DK', 'IE'),
  },
  EU_EIO: {
    basis:
      'Directive 2014/41/EU (European Investigation Order): every member state but Denmark and Ireland',
    countries: except('DK', 'IE'),
  },
  EU_2023_1543: {
    basis:
      'Regulation (EU) 2023/1543 (European Production and Preservation Orders, applicable since 18 August 2026): every member state but Denmark',
    countries: except('DK'),
  },
};
