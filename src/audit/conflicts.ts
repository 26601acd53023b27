/** One row as the conflict pass sees it. */
export interface ConflictCandidate {
  sku: string;
  marketplaceId: string;
  /** Marketplaces of one region share one merchant-fulfilled quantity per SKU. */
  region: string;
  expectedQuantity: number;
}

/** Row indexes per region, then per SKU; a lone row stays a bare index to spare an array. */
type Groups = Map<string, Map<string, number | number[]>>;

/**
 * For each row, in input order: true when another marketplace of its region carries the same
 * SKU with a different expected quantity. One quantity cannot satisfy both, so both are flagged.
 * Rows of one marketplace (duplicates) do not conflict with each other: DUPLICATE_LISTING says so.
 */
export function findMarketplaceConflicts(rows: readonly ConflictCandidate[]): boolean[] {
  const flags = new Array<boolean>(rows.length).fill(false);
  if (rows.every((row) => row.marketplaceId === rows[0]?.marketplaceId)) return flags;

  for (const bySku of groupRows(rows).values()) {
    for (const members of bySku.values()) {
      if (typeof members !== 'number') flagGroup(rows, members, flags);
    }
  }
  return flags;
}

function groupRows(rows: readonly ConflictCandidate[]): Groups {
  const groups: Groups = new Map();

  rows.forEach((row, index) => {
    let bySku = groups.get(row.region);
    if (bySku === undefined) {
      bySku = new Map<string, number | number[]>();
      groups.set(row.region, bySku);
    }

    const members = bySku.get(row.sku);
    if (members === undefined) bySku.set(row.sku, index);
    else if (typeof members === 'number') bySku.set(row.sku, [members, index]);
    else members.push(index);
  });
  return groups;
}

function flagGroup(rows: readonly ConflictCandidate[], members: number[], flags: boolean[]): void {
  for (const i of members) {
    const row = rows[i] as ConflictCandidate;

    flags[i] = members.some((j) => {
      const other = rows[j] as ConflictCandidate;
      return (
        other.marketplaceId !== row.marketplaceId && other.expectedQuantity !== row.expectedQuantity
      );
    });
  }
}
