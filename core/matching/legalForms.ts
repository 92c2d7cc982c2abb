/**
 * Company legal forms, each under the abbreviation registries use, with the spelled-out
 * and romanised forms that mean the same (ISO 20275 lists the forms; these are the ones
 * Comity's members meet). Written after dots are removed and letters folded to ASCII lower
 * case, as normalizeName leaves them.
 */
export const LEGAL_FORMS: Readonly<Record<string, readonly string[]>> = {
  'pte ltd': ['pte ltd', 'pte limited', 'private limited', 'private limited company'],
  'co ltd': ['co ltd', 'company limited', 'co limited'],
  ltd: ['ltd', 'limited'],
  plc: ['plc', 'public limited company'],
  llp: ['llp', 'limited liability partnership'],
  llc: ['llc', 'limited liability company'],
  inc: ['inc', 'incorporated'],
  corp: ['corp', 'corporation'],
  gmbh: ['gmbh', 'gesellschaft mit beschrankter haftung'],
  ug: ['ug haftungsbeschrankt', 'ug', 'unternehmergesellschaft haftungsbeschrankt'],
  ag: ['ag', 'aktiengesellschaft'],
  sarl: ['sarl', 'societe a responsabilite limitee'],
  sas: ['sas', 'societe par actions simplifiee'],
  sa: ['sa', 'societe anonyme', 'sociedad anonima'],
  bv: ['bv', 'besloten vennootschap'],
  nv: ['nv', 'naamloze vennootschap'],
  srl: ['srl', 'societa a responsabilita limitata'],
  spa: ['spa', 'societa per azioni'],
  sl: ['sl', 'sociedad limitada'],
  ooo: [
    'ooo',
    'obshchestvo s ogranichennoi otvetstvennostiu',
    'obschestvo s ogranichennoi otvetstvennostyu',
  ],
  ao: ['ao', 'aktsionernoe obshchestvo'],
};

/** Every spelling as tokens, longest first, so `pte ltd` is read before `ltd`. */
const SPELLINGS: readonly { form: string; tokens: readonly string[] }[] = Object.entries(
  LEGAL_FORMS,
)
  .flatMap(([form, spellings]) =>
    spellings.map((spelling) => ({ form, tokens: spelling.split(' ') })),
  )
  .sort((a, b) => b.tokens.length - a.tokens.length);

const matchesAt = (tokens: readonly string[], start: number, spelling: readonly string[]) =>
  start >= 0 &&
  start + spelling.length <= tokens.length &&
  spelling.every((token, i) => tokens[start + i] === token);

/**
 * Splits a company name's tokens into its stem and its legal form, read at the end (`Atlas
 * Capital GmbH`) or, where the country puts it first (`OOO "Atlas Capital"`), at the start.
 */
export function splitLegalForm(tokens: readonly string[]): {
  stem: string[];
  legalForm: string | null;
} {
  for (const { form, tokens: spelling } of SPELLINGS) {
    if (
      tokens.length > spelling.length &&
      matchesAt(tokens, tokens.length - spelling.length, spelling)
    ) {
      return { stem: tokens.slice(0, tokens.length - spelling.length), legalForm: form };
    }
  }
  for (const { form, tokens: spelling } of SPELLINGS) {
    if (tokens.length > spelling.length && matchesAt(tokens, 0, spelling)) {
      return { stem: tokens.slice(spelling.length), legalForm: form };
    }
  }
  return { stem: [...tokens], legalForm: null };
}
