/**
 * The 249 officially assigned ISO 3166-1 alpha-2 codes (ISO 3166 Maintenance Agency, Online
 * Browsing Platform: "officially assigned"). Reserved and transitional codes (`UK`, `EU`,
 * `XK`, `SU`, …) are left out: a home country in a caller's token is one of these, so a
 * policy naming anything else names nobody.
 */
export const ISO_COUNTRY_CODES: ReadonlySet<string> = new Set(
  `AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ
   BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ
   CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ
   DE DJ DK DM DO DZ
   EC EE EG EH ER ES ET
   FI FJ FK FM FO FR
   GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY
   HK HM HN HR HT HU
   ID IE IL IM IN IO IQ IR IS IT
   JE JM JO JP
   KE KG KH KI KM KN KP KR KW KY KZ
   LA LB LC LI LK LR LS LT LU LV LY
   MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ
   NA NC NE NF NG NI NL NO NP NR NU NZ
   OM
   PA PE PF PG PH PK PL PM PN PR PS PT PW PY
   QA
   RE RO RS RU RW
   SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ
   TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ
   UA UG UM US UY UZ
   VA VC VE VG VI VN VU
   WF WS
   YE YT
   ZA ZM ZW`.split(/\s+/u),
);

/**
 * The 27 member states of the European Union (Treaty on European Union, art. 52(1), as of
 * the United Kingdom's withdrawal on 31 January 2020), by ISO code: Greece is `GR` here,
 * though EU documents write `EL`.
 */
export const EU_MEMBER_STATES: readonly string[] = [
  'AT',
  'BE',
  'BG',
  'CY',
  'CZ',
  'DE',
  'DK',
  'EE',
  'ES',
  'FI',
  'FR',
  'GR',
  'HR',
  'HU',
  'IE',
  'IT',
  'LT',
  'LU',
  'LV',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SE',
  'SI',
  'SK',
];

/**
 * Country groups every member may name without defining them: its own country, the EU, and
 * everyone (for what is public anyway).
 */
export const BUILT_IN_ARRANGEMENTS = {
  /** The member itself: its own authorities. */
  DOMESTIC: 'DOMESTIC',
  /** The EU member states, the member itself included if it is one. */
  EU: 'EU',
  /** Callers of any country: the element carries no country rule at all. */
  ANY: 'ANY',
} as const;

/** Whether `code` is an officially assigned ISO 3166-1 alpha-2 code. */
export function isCountryCode(code: string): boolean {
  return ISO_COUNTRY_CODES.has(code);
}
