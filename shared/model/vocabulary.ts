/**
 * The board's fixed vocabulary, taken from the EXCITE D1.4 report: five cluster-management
 * dimensions (the ECEI Gold-label areas, one row each), three kinds of note (one column each)
 * and the six partner clusters. Ids are stored in documents, so they never change; labels may.
 */

export const DIMENSIONS = [
  {
    id: 'structure',
    label: 'Cluster structure',
    hint: "The cluster's identity card: thematic focus, members, geographic focus.",
  },
  {
    id: 'strategy',
    label: 'Cluster strategy',
    hint: 'Purpose of the cluster; strategy making, implementation and monitoring.',
  },
  {
    id: 'organisation',
    label: 'Cluster organisation',
    hint: 'Operational structure: team, internal processes, governance.',
  },
  {
    id: 'business-model',
    label: 'Cluster business model',
    hint: 'Income model: services offer, membership fees, pricing.',
  },
  {
    id: 'communication',
    label: 'Communication, visibility & reputation',
    hint: 'Reaching members, prospects and external stakeholders.',
  },
] as const;

export type DimensionId = (typeof DIMENSIONS)[number]['id'];
export const DIMENSION_IDS = DIMENSIONS.map((d) => d.id) as [DimensionId, ...DimensionId[]];

export const KINDS = [
  { id: 'challenge', label: 'Challenge', defaultColour: 'rose' },
  { id: 'need', label: 'Best practice needed', defaultColour: 'amber' },
  { id: 'good-practice', label: 'Good practice', defaultColour: 'green' },
] as const;

export type KindId = (typeof KINDS)[number]['id'];
export const KIND_IDS = KINDS.map((k) => k.id) as [KindId, ...KindId[]];

export const COLOURS = ['rose', 'amber', 'green', 'sky', 'violet', 'slate'] as const;
export type Colour = (typeof COLOURS)[number];

export const CLUSTERS = [
  { id: 'silicon-saxony', label: 'Silicon Saxony', country: 'Germany' },
  { id: 'dti', label: 'DTI Cluster', country: 'Bulgaria' },
  { id: 'business-hive-vilnius', label: 'Business Hive Vilnius', country: 'Lithuania' },
  { id: 'mazovia', label: 'Mazovia Cluster ICT', country: 'Poland' },
  { id: 'gaia', label: 'GAIA', country: 'Spain' },
  { id: 'scs', label: 'SCS Cluster', country: 'France' },
] as const;

export type KnownClusterId = (typeof CLUSTERS)[number]['id'];

/** A cluster is one of the six partners or `other:<name>` for anyone else. */
export type ClusterRef = KnownClusterId | `other:${string}`;

const OTHER_PREFIX = 'other:';
export const CLUSTER_NAME_MAX = 80;

export function otherCluster(name: string): ClusterRef {
  return `${OTHER_PREFIX}${name.trim()}`;
}

export function parseClusterRef(value: string): ClusterRef | null {
  if (CLUSTERS.some((c) => c.id === value)) return value as KnownClusterId;
  if (value.startsWith(OTHER_PREFIX)) {
    const name = value.slice(OTHER_PREFIX.length).trim();
    if (name.length > 0 && name.length <= CLUSTER_NAME_MAX) return `${OTHER_PREFIX}${name}`;
  }
  return null;
}

/**
 * The words a view shows for who wrote a note, in the page's (or the report's) language [LG1]:
 * passed in by whoever derives the view; English where none is given (the API, the JSON export).
 */
export interface AttributionWords {
  /** [AT5] What a person without a cluster (a facilitator, say) is shown and counted under. */
  noCluster: string;
  /** [AT5] Only a sourced note without a cluster (the template's challenges) speaks for the consortium. */
  consortium: string;
  otherCluster(name: string): string;
  /** The byline of a note whose stored author name is empty. */
  unknownAuthor: string;
  /** [AT7] The byline of a note whose author is not on the board and stored no name. */
  unknownPerson: string;
  /** [AT7] A stored name whose person is not (or no longer) on the board, marked as such. */
  notOnBoard(name: string): string;
}

export const ENGLISH_ATTRIBUTION: AttributionWords = {
  noCluster: 'no cluster',
  consortium: 'EXCITE consortium',
  otherCluster: (name) => `Other: ${name}`,
  unknownAuthor: 'Unknown author',
  unknownPerson: 'Unknown person',
  notOnBoard: (name) => `${name} (not on this board)`,
};

/** The name a person reads for a person's cluster: "GAIA", "Other: Acme Cluster", or "no cluster". */
export function clusterLabel(cluster: string | null, words: AttributionWords = ENGLISH_ATTRIBUTION): string {
  if (cluster === null) return words.noCluster;
  const known = CLUSTERS.find((c) => c.id === cluster);
  if (known) return known.label;
  if (cluster.startsWith(OTHER_PREFIX)) return words.otherCluster(cluster.slice(OTHER_PREFIX.length));
  return cluster;
}

/** A dimension's label; any other string (an untrusted value) comes back as it is. */
export function dimensionLabel(id: string): string {
  return DIMENSIONS.find((d) => d.id === id)?.label ?? id;
}

export function kindLabel(id: KindId): string {
  return KINDS.find((k) => k.id === id)?.label ?? id;
}

export function defaultColour(kind: KindId): Colour {
  return KINDS.find((k) => k.id === kind)?.defaultColour ?? 'slate';
}
