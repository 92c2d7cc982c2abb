/** The French registries as they appear in provenance and in the directory. */
export const FR_REGISTRY_NAMES = {
  /** AGRASC: freezing and confiscation orders with the holdings they seized. */
  assets: 'fr-agrasc-assets',
  /** DG Trésor: the national asset-freeze list (gels des avoirs). */
  watchlist: 'fr-dgtresor-gels',
  /** Tracfin: travel-rule disclosures received from exchanges (PSAN). */
  disclosures: 'fr-tracfin-disclosures',
} as const;

export const FR_JURISDICTION = 'FR';
