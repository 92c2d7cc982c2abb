import type { ElementPolicy, TypePolicy } from './JurisdictionPolicy.js';
import { oversightPolicy } from './oversightPolicy.js';
import type { Role } from './policySpec.js';

/** One jurisdiction's rule for each registry kind, and for hit / no-hit. */
export interface RegistryRules {
  assets: ElementPolicy;
  watchlist: ElementPolicy;
  disclosures: ElementPolicy;
  hit: ElementPolicy;
  /** Every role the jurisdiction recognises: all may read its transparency report. */
  recognisedRoles: readonly Role[];
}

/**
 * Places a jurisdiction's registry rules on every field through which that registry's
 * records leave: the namespace lists and lookups, the wallet and pseudonym views, the fields
 * leading to the people a record names, and the release of an executed cross-border request
 * (the kit checks the grant and the issuing case on top). Each jurisdiction writes its own rules;
 * which fields carry them is the same everywhere, so it is written once here — a new field
 * must not be left out in one country. The accountability fields come from `oversightPolicy`.
 */
export function registryPolicies(rules: RegistryRules): Record<string, TypePolicy> {
  const { assets, watchlist, disclosures, hit } = rules;
  const oversight = oversightPolicy(rules.recognisedRoles);
  return {
    Jurisdiction: {
      fields: {
        freezingOrder: assets,
        freezingOrders: assets,
        confiscationOrder: assets,
        confiscationOrders: assets,
        watchlistEntry: watchlist,
        watchlistEntries: watchlist,
        exchangeDisclosure: disclosures,
        exchangeDisclosures: disclosures,
        ...oversight.jurisdictionFields,
      },
    },
    JurisdictionMutations: oversight.mutations,
    WalletRecords: {
      fields: {
        hit,
        freezingOrders: assets,
        confiscationOrders: assets,
        watchlistEntries: watchlist,
        exchangeDisclosures: disclosures,
      },
    },
    PseudonymRecords: {
      fields: {
        hit,
        freezingOrders: assets,
        confiscationOrders: assets,
        watchlistEntries: watchlist,
        exchangeDisclosures: disclosures,
      },
    },
    FreezingOrder: { fields: { affectedParty: assets } },
    ConfiscationOrder: { fields: { affectedParty: assets } },
    WatchlistEntry: { fields: { subject: watchlist } },
    ExchangeDisclosure: { fields: { originator: disclosures, beneficiary: disclosures } },
    Ivms101Originator: { object: disclosures },
    Ivms101Beneficiary: { object: disclosures },
    RequestRelease: {
      fields: {
        freezingOrders: assets,
        confiscationOrders: assets,
        watchlistEntries: watchlist,
        exchangeDisclosures: disclosures,
      },
    },
  };
}
