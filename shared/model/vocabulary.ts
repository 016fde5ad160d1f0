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

/** [AT5] What a person without a cluster (a facilitator, say) is shown and counted under. */
export const NO_CLUSTER_LABEL = 'no cluster';
/** [AT5] Only a sourced note without a cluster (the template's challenges) speaks for the consortium. */
export const CONSORTIUM_LABEL = 'EXCITE consortium';

/** The name a person reads for a person's cluster: "GAIA", "Other: Acme Cluster", or "no cluster". */
export function clusterLabel(cluster: string | null): string {
  if (cluster === null) return NO_CLUSTER_LABEL;
  const known = CLUSTERS.find((c) => c.id === cluster);
  if (known) return known.label;
  if (cluster.startsWith(OTHER_PREFIX)) return `Other: ${cluster.slice(OTHER_PREFIX.length)}`;
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
