/**
 * The words of French asset-recovery practice the seed draws from: who issues orders, on
 * which legal basis, for which offences, and the exchanges that file travel-rule data.
 */

export const FREEZING_AUTHORITIES = [
  'Tribunal judiciaire de Paris — juge d’instruction',
  'Tribunal judiciaire de Paris — juge des libertés et de la détention',
  'Parquet national financier',
  'Juridiction nationale de lutte contre la criminalité organisée (JUNALCO)',
  'JIRS de Lyon — juge d’instruction',
  'JIRS de Marseille — juge d’instruction',
  'Tribunal judiciaire de Lille — juge des libertés et de la détention',
  'Tribunal judiciaire de Bordeaux — juge d’instruction',
] as const;

export const CONFISCATION_AUTHORITIES = [
  'Tribunal correctionnel de Paris',
  'Cour d’appel de Paris — pôle 5',
  'Tribunal correctionnel de Marseille',
  'Tribunal correctionnel de Lyon',
  'Cour d’assises spéciale de Paris',
  'Tribunal correctionnel de Nanterre',
] as const;

export const CASE_PREFIXES = [
  'PNF',
  'JUNALCO',
  'JIRS-PAR',
  'JIRS-LYO',
  'JIRS-MAR',
  'TJ-LIL',
  'TJ-BDX',
] as const;

export const FREEZING_LEGAL_BASES = [
  'Code de procédure pénale, art. 706-141 à 706-158 (saisies spéciales)',
  'Code de procédure pénale, art. 706-153 (saisie de biens ou droits incorporels)',
  'Code de procédure pénale, art. 706-148 (saisie de patrimoine)',
  'Code de procédure pénale, art. 706-154 (saisie de sommes inscrites sur un compte)',
] as const;

/** Orders executed in another member state travel under the EU regulation's certificate. */
export const EU_FREEZING_LEGAL_BASIS =
  'Règlement (UE) 2018/1805, art. 4 et annexe I; Code de procédure pénale, art. 695-9-1 et s.';
/** Singapore is outside the EU: mutual legal assistance under the UN convention. */
export const MLA_LEGAL_BASIS =
  'Convention des Nations unies contre la criminalité transnationale organisée, art. 13 (entraide)';

export const CONFISCATION_LEGAL_BASES = [
  'Code pénal, art. 131-21 (peine complémentaire de confiscation)',
  'Code pénal, art. 324-7 (confiscation en matière de blanchiment)',
  'Code de procédure pénale, art. 706-160 (gestion et exécution par l’AGRASC)',
  'Code de procédure pénale, art. 706-164 (indemnisation des parties civiles sur les biens confisqués)',
] as const;
export const EU_CONFISCATION_LEGAL_BASIS =
  'Règlement (UE) 2018/1805, art. 14 et annexe II; Code de procédure pénale, art. 713-1 et s.';

export const OFFENCES = [
  'Escroquerie en bande organisée',
  'Fraude en bande organisée (faux investissements en crypto-actifs)',
  'Blanchiment aggravé',
  'Blanchiment du produit d’un trafic de stupéfiants',
  'Extorsion par rançongiciel (ransomware)',
  'Association de malfaiteurs en vue de commettre des crimes',
  'Financement du terrorisme',
  'Exercice illégal de la profession de prestataire de services sur actifs numériques',
  'Abus de confiance',
  'Recel de vol de crypto-actifs',
] as const;

export const EXECUTING_STATES_ABROAD = ['DE', 'DE', 'NL', 'NL', 'SG'] as const;

export const PARTY_COUNTRIES_ABROAD = [
  'BE',
  'DE',
  'ES',
  'IT',
  'NL',
  'CH',
  'MA',
  'IL',
  'RU',
  'UA',
] as const;

export const WATCHLIST_AUTHORITIES = [
  'Direction générale du Trésor',
  'Ministre de l’Économie et des Finances et ministre de l’Intérieur (arrêté conjoint)',
] as const;

export const WATCHLIST_PROGRAMS = [
  {
    program: 'Gel national — Code monétaire et financier, art. L562-2 (terrorisme)',
    provisions: ['Gel des fonds et ressources économiques', 'Interdiction de mise à disposition'],
    reasons: [
      'Collecte de fonds en crypto-actifs au profit d’un groupement terroriste',
      'Financement du terrorisme via des portefeuilles en USDT sur Tron',
    ],
    subjectCountries: ['FR', 'FR', 'BE', 'SY', 'IQ'],
  },
  {
    program: 'UE — Règlement (UE) n° 833/2014 et n° 269/2014 (Russie)',
    provisions: [
      'Gel des fonds et ressources économiques',
      'Interdiction de fournir des services de portefeuille',
    ],
    reasons: [
      'Contournement des sanctions par une plateforme d’échange non enregistrée',
      'Soutien financier au complexe militaro-industriel',
    ],
    subjectCountries: ['RU', 'RU', 'BY', 'AE'],
  },
  {
    program: 'ONU — Résolution 1718 (2006) (RPDC)',
    provisions: ['Gel des fonds et ressources économiques'],
    reasons: [
      'Blanchiment du produit de piratages de plateformes au profit du programme d’armement de la RPDC',
    ],
    subjectCountries: ['KP', 'KP', 'CN'],
  },
  {
    program: 'UE — Règlement (UE) 2023/1529 (Iran)',
    provisions: ['Gel des fonds et ressources économiques', 'Interdiction de mise à disposition'],
    reasons: ['Acquisition de composants de drones financée en crypto-actifs'],
    subjectCountries: ['IR', 'IR', 'TR'],
  },
  {
    program: 'UE — Règlement (UE) 2019/796 (cyberattaques)',
    provisions: ['Gel des fonds et ressources économiques'],
    reasons: ['Rançongiciel ciblant des hôpitaux et des collectivités françaises'],
    subjectCountries: ['RU', 'UA', 'KP'],
  },
] as const;

export interface VaspProfile {
  name: string;
  country: string;
  /** The LEI's 18-character base; check digits are computed. Null when none is known. */
  leiBase: string | null;
}

/** French PSAN registered with the AMF, and the foreign exchanges they trade with. */
export const FRENCH_VASPS: readonly VaspProfile[] = [
  { name: 'Coinhouse', country: 'FR', leiBase: '969500COINHOUSE0FR' },
  { name: 'Paymium', country: 'FR', leiBase: '969500PAYMIUM000FR' },
  { name: 'Bitstack', country: 'FR', leiBase: null },
  { name: 'Meria', country: 'FR', leiBase: '969500MERIA00000FR' },
  { name: 'Deskoin', country: 'FR', leiBase: null },
  { name: 'StackinSat', country: 'FR', leiBase: null },
  { name: 'Feel Mining', country: 'FR', leiBase: null },
];

export const FOREIGN_VASPS: readonly VaspProfile[] = [
  { name: 'Bitvavo', country: 'NL', leiBase: '724500BITVAVO000NL' },
  { name: 'Bitpanda', country: 'AT', leiBase: '529900BITPANDA00AT' },
  { name: 'Boerse Stuttgart Digital', country: 'DE', leiBase: '529900BSDIGITAL0DE' },
  { name: 'Kraken (Payward Ireland)', country: 'IE', leiBase: '635400KRAKEN0000IE' },
  { name: 'Bitstamp Europe', country: 'LU', leiBase: '222100BITSTAMP00LU' },
  { name: 'Coinhako', country: 'SG', leiBase: null },
  { name: 'Independent Reserve SG', country: 'SG', leiBase: null },
];

export const FRENCH_CITIES = [
  { postcode: '75011', city: 'Paris' },
  { postcode: '69003', city: 'Lyon' },
  { postcode: '13006', city: 'Marseille' },
  { postcode: '31000', city: 'Toulouse' },
  { postcode: '06000', city: 'Nice' },
  { postcode: '44000', city: 'Nantes' },
  { postcode: '33000', city: 'Bordeaux' },
  { postcode: '59000', city: 'Lille' },
] as const;

export const FRENCH_STREETS = [
  'rue de la République',
  'avenue Jean Jaurès',
  'boulevard Voltaire',
  'rue Victor Hugo',
  'place de la Liberté',
  'rue du Faubourg Saint-Antoine',
] as const;
